package io.fhirnotary.interceptors.blindindex;

import java.util.Optional;
import java.util.Set;

/**
 * What the rewriter needs to know about the server's search parameters; the adapter answers from
 * HAPI's search-parameter registry.
 */
public interface SearchParameterCatalog {

	/**
	 * The kind of {@code paramName} on {@code resourceType} ({@code null}: a system-level search),
	 * or empty when the server does not know the parameter (HAPI then refuses it on its own).
	 */
	Optional<SearchParamKind> kindOf(String resourceType, String paramName);

	/** The resource types a reference parameter may point to; empty when it may point anywhere. */
	Set<String> referenceTargets(String resourceType, String paramName);
}
