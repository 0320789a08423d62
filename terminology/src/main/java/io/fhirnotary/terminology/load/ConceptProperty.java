package io.fhirnotary.terminology.load;

import java.util.Objects;

/**
 * A string-valued concept property, the only kind HAPI's custom code system format stores.
 *
 * @param code the property code, declared in {@link CodeSystemRelease#properties()}
 * @param value the value
 */
public record ConceptProperty(String code, String value) {

	public ConceptProperty {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(value, "value");
	}
}
