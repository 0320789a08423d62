package io.fhirnotary.terminology.load;

import java.util.Objects;

/**
 * A property a release's concepts may carry, declared once in the code system.
 *
 * @param code the property code
 * @param description what the value means
 */
public record PropertyDeclaration(String code, String description) {

	public PropertyDeclaration {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(description, "description");
	}
}
