package io.fhirnotary.terminology.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One rule of a prescription rule file.
 *
 * <p>A rule applies to a MedicationRequest whose medication has a coding in
 * {@code medicationInValueSet} (or to every MedicationRequest when that is absent). It holds when
 * the FHIRPath expression {@code require}, evaluated on the MedicationRequest, yields exactly one
 * {@code true}; {@code false}, empty or several values break it.
 *
 * @param id stable identifier, reported with every violation
 * @param description what the rule is for, for people reading the file
 * @param medicationInValueSet canonical URL of the value set that selects the medications, or null
 * @param require FHIRPath that must be true for the request to pass
 * @param location FHIRPath of the element to point at when the rule is broken
 * @param severity how to report a violation
 * @param message the text reported with a violation
 * @param source where the rule comes from (regulation, policy)
 */
public record PrescriptionRule(
		String id,
		String description,
		String medicationInValueSet,
		String require,
		String location,
		RuleSeverity severity,
		String message,
		String source) {

	public PrescriptionRule {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(require, "rule " + id + ": require");
		Objects.requireNonNull(location, "rule " + id + ": location");
		Objects.requireNonNull(severity, "rule " + id + ": severity");
		Objects.requireNonNull(message, "rule " + id + ": message");
	}

	@JsonCreator
	static PrescriptionRule fromJson(
			@JsonProperty("id") String id,
			@JsonProperty("description") String description,
			@JsonProperty("when") When when,
			@JsonProperty("require") String require,
			@JsonProperty("location") String location,
			@JsonProperty("severity") RuleSeverity severity,
			@JsonProperty("message") String message,
			@JsonProperty("source") String source) {
		return new PrescriptionRule(id, description, when == null ? null : when.medicationInValueSet(), require, location,
				severity, message, source);
	}

	/** The {@code when} object of the file; the place further selectors would go. */
	record When(String medicationInValueSet) {
		@JsonCreator
		When(@JsonProperty(value = "medicationInValueSet", required = true) String medicationInValueSet) {
			this.medicationInValueSet = medicationInValueSet;
		}
	}
}
