package io.fhirnotary.interceptors.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

class ValidationIssuesTests {

	@Test
	void warningsAloneDoNotRejectAWrite() {
		ValidationIssues issues = new ValidationIssues();
		issues.warning(IssueType.INFORMATIONAL, "MedicationRequest.meta.profile[0]", "profile not held");

		assertThat(issues.hasErrors()).isFalse();
	}

	@Test
	void operationOutcomeListsErrorsFirstEachWithItsFhirPath() {
		ValidationIssues issues = new ValidationIssues();
		issues.warning(IssueType.INFORMATIONAL, "MedicationRequest.meta", "a warning");
		issues.error(IssueType.REQUIRED, "MedicationRequest", "status is required");
		issues.error(IssueType.BUSINESSRULE, "MedicationRequest.dispenseRequest.numberOfRepeatsAllowed", "no refills");

		OperationOutcome outcome = issues.toOperationOutcome();

		assertThat(issues.hasErrors()).isTrue();
		assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getSeverity)
				.containsExactly(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.ERROR,
						OperationOutcome.IssueSeverity.WARNING);
		assertThat(outcome.getIssue().get(1).getExpression().get(0).getValue())
				.isEqualTo("MedicationRequest.dispenseRequest.numberOfRepeatsAllowed");
		assertThat(outcome.getIssue().get(1).getCode()).isEqualTo(IssueType.BUSINESSRULE);
	}
}
