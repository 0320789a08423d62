package io.fhirnotary.interceptors.validation;

/**
 * Where a write comes from, as far as checks care.
 *
 * @param insideBundle true for entries of a transaction or batch bundle: their references may
 *                     name resources the same bundle creates later, which HAPI resolves (and
 *                     checks, failing the whole transaction) itself
 */
public record WriteContext(boolean insideBundle) {

	public static final WriteContext SINGLE_RESOURCE = new WriteContext(false);
	public static final WriteContext BUNDLE_ENTRY = new WriteContext(true);
}
