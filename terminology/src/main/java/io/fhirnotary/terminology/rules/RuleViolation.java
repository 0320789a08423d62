package io.fhirnotary.terminology.rules;

import java.util.Objects;

/**
 * A prescription rule a MedicationRequest breaks, ready to become an OperationOutcome issue.
 *
 * @param ruleId the rule's id from the rule file
 * @param severity how to report it
 * @param location a FHIRPath to the offending element, for {@code OperationOutcome.issue.expression}
 * @param message the rule's message, for {@code OperationOutcome.issue.diagnostics}
 */
public record RuleViolation(String ruleId, RuleSeverity severity, String location, String message) {

	public RuleViolation {
		Objects.requireNonNull(ruleId, "ruleId");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(location, "location");
		Objects.requireNonNull(message, "message");
	}
}
