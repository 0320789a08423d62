package io.fhirnotary.interceptors.hygiene;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which request bodies the FHIR endpoint accepts, as a pure decision.
 *
 * <p>HAPI guesses the format of a body that arrives without a usable {@code Content-Type}; we
 * would rather refuse with 415 than store something parsed on a guess. Binary is exempt because
 * FHIR lets a client post raw content of any type to it.
 */
public final class ContentTypePolicy {

	static final Set<String> RESOURCE_TYPES = Set.of(
			"application/fhir+json", "application/json", "application/json+fhir",
			"application/fhir+xml", "application/xml", "application/xml+fhir", "text/xml");
	static final Set<String> PATCH_TYPES = Set.of("application/json-patch+json", "application/xml-patch+xml");
	static final String FORM = "application/x-www-form-urlencoded";

	private ContentTypePolicy() {}

	/**
	 * @param method       HTTP method
	 * @param resourceName resource type in the URL, or null for system-level requests
	 * @param searchOrOperation true for {@code _search} and {@code $operation} requests, which may post a form
	 * @param contentType  the {@code Content-Type} header, or null
	 * @param bodyPresent  whether the request carries a body (length unknown counts as present)
	 * @return why the request is refused, or empty when it is acceptable
	 */
	public static Optional<String> refusal(
			String method, String resourceName, boolean searchOrOperation, String contentType, boolean bodyPresent) {
		String upper = method.toUpperCase(Locale.ROOT);
		if (!upper.equals("POST") && !upper.equals("PUT") && !upper.equals("PATCH")) {
			return Optional.empty();
		}
		if ("Binary".equals(resourceName)) {
			return Optional.empty();
		}
		String mediaType = mediaType(contentType);
		if (mediaType == null) {
			return bodyPresent
					? Optional.of("A request body needs a Content-Type header such as application/fhir+json")
					: Optional.empty();
		}
		if (RESOURCE_TYPES.contains(mediaType)) {
			return Optional.empty();
		}
		if (upper.equals("PATCH") && PATCH_TYPES.contains(mediaType)) {
			return Optional.empty();
		}
		if (upper.equals("POST") && searchOrOperation && mediaType.equals(FORM)) {
			return Optional.empty();
		}
		String shown = mediaType.length() > 64 ? mediaType.substring(0, 64) + "..." : mediaType;
		return Optional.of("Unsupported Content-Type '" + shown + "': use application/fhir+json or application/fhir+xml");
	}

	/** The media type without parameters, lower case; null when absent or blank. */
	static String mediaType(String contentType) {
		if (contentType == null) {
			return null;
		}
		int semicolon = contentType.indexOf(';');
		String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
				.trim()
				.toLowerCase(Locale.ROOT);
		return type.isEmpty() ? null : type;
	}
}
