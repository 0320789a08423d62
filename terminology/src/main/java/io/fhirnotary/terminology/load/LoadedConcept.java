package io.fhirnotary.terminology.load;

import java.util.List;
import java.util.Objects;

/**
 * One concept of a release on its way to the server.
 *
 * @param code the code
 * @param display the preferred display
 * @param properties string-valued properties, in a stable order
 * @param parentCodes codes of the concepts this one is-a (empty for flat code systems such as RxNorm)
 */
public record LoadedConcept(String code, String display, List<ConceptProperty> properties, List<String> parentCodes) {

	public LoadedConcept {
		Objects.requireNonNull(code, "code");
		if (code.isBlank()) {
			throw new IllegalArgumentException("a concept needs a code");
		}
		properties = List.copyOf(properties);
		parentCodes = List.copyOf(parentCodes);
	}

	public LoadedConcept(String code, String display, List<ConceptProperty> properties) {
		this(code, display, properties, List.of());
	}
}
