package io.fhirnotary.interceptors.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class OperationOutcomesTests {

	@Test
	void producesAnOperationOutcomeThatHapiParsesWithSpecialCharactersIntact() {
		String diagnostics = "quote \" backslash \\ newline \n tab \t end";

		String json = OperationOutcomes.errorJson("too-long", diagnostics);

		OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, json);
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo(diagnostics);
	}
}
