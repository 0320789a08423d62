package io.fhirnotary.interceptors.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A local, version-independent reference to a resource: {@code Type/id}.
 *
 * <p>Consent decisions compare references for equality, so they need one spelling per resource.
 * Parsing accepts {@code Type/id} and {@code Type/id/_history/v} (the version is dropped) and
 * refuses everything it cannot tie to this server with certainty: absolute URLs (unless the caller
 * names the server's base), contained references ({@code #x}), URNs, logical (identifier-only)
 * references. Refusing is the fail-closed choice: an actor we cannot identify never matches a
 * permit.
 *
 * @param type a FHIR resource type name
 * @param id   a FHIR logical id (1–64 characters of {@code A-Za-z0-9-.})
 */
public record ResourceRef(String type, String id) {

	private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	public ResourceRef {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(id, "id");
		if (!TYPE.matcher(type).matches() || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException("not a resource reference: " + type + "/" + id);
		}
	}

	/** {@code Type/id} or {@code Type/id/_history/v}; empty for anything else, including null. */
	public static Optional<ResourceRef> parse(String reference) {
		if (reference == null) {
			return Optional.empty();
		}
		String[] parts = reference.trim().split("/", -1);
		boolean plain = parts.length == 2;
		boolean versioned = parts.length == 4 && parts[2].equals("_history") && ID.matcher(parts[3]).matches();
		if (!plain && !versioned) {
			return Optional.empty();
		}
		if (!TYPE.matcher(parts[0]).matches() || !ID.matcher(parts[1]).matches()) {
			return Optional.empty();
		}
		return Optional.of(new ResourceRef(parts[0], parts[1]));
	}

	/**
	 * Like {@link #parse(String)}, also accepting absolute references that start with this
	 * server's FHIR base URL (SMART issuers usually put an absolute URL in {@code fhirUser}).
	 *
	 * @param baseUrl the server's FHIR base, e.g. {@code https://notary.example/fhir}; a trailing
	 *                slash is ignored
	 */
	public static Optional<ResourceRef> parse(String reference, String baseUrl) {
		if (reference == null || baseUrl == null || baseUrl.isBlank()) {
			return parse(reference);
		}
		String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
		String trimmed = reference.trim();
		return trimmed.startsWith(base) ? parse(trimmed.substring(base.length())) : parse(trimmed);
	}

	/** Whether this reference points at a resource of the given type. */
	public boolean isA(String resourceType) {
		return type.equals(resourceType);
	}

	/** {@code Type/id}. */
	@Override
	public String toString() {
		return type + "/" + id;
	}
}
