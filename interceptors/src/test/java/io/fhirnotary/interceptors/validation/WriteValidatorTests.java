package io.fhirnotary.interceptors.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

class WriteValidatorTests {

	/**
	 * HAPI's validator with a module that finds nothing (without any module HAPI would fall back
	 * to XML schema validation): only this project's checks produce issues.
	 */
	private static ca.uhn.fhir.validation.FhirValidator noStructuralValidation() {
		ca.uhn.fhir.validation.FhirValidator validator = FhirContext.forR4Cached().newValidator();
		validator.registerValidatorModule(context -> {});
		return validator;
	}

	private final ResourceCheck alwaysComplains =
			(resource, context, issues) -> issues.error(IssueType.BUSINESSRULE, resource.fhirType(), "complaint");

	@Test
	void validatesOnlyTheConfiguredTypes() {
		WriteValidator validator = new WriteValidator(noStructuralValidation(),
				Set.of("MedicationRequest"), Map.of("MedicationRequest", List.of(alwaysComplains), "Consent", List.of(alwaysComplains)));

		assertThat(validator.validate(new MedicationRequest(), WriteContext.SINGLE_RESOURCE).hasErrors()).isTrue();
		assertThat(validator.validate(new Consent(), WriteContext.SINGLE_RESOURCE).all()).isEmpty();
	}

	@Test
	void runsEveryCheckOfTheTypeAndKeepsAllTheirIssues() {
		ResourceCheck secondComplaint =
				(resource, context, issues) -> issues.error(IssueType.REQUIRED, "MedicationRequest.status", "second");
		WriteValidator validator = new WriteValidator(noStructuralValidation(),
				Set.of("MedicationRequest"), Map.of("MedicationRequest", List.of(alwaysComplains, secondComplaint)));

		ValidationIssues issues = validator.validate(new MedicationRequest(), WriteContext.SINGLE_RESOURCE);

		assertThat(issues.errors()).extracting(ValidationIssues.Issue::message).containsExactly("complaint", "second");
	}

	@Test
	void anEmptyTypeSetSwitchesValidationOff() {
		WriteValidator validator = new WriteValidator(noStructuralValidation(), Set.of(),
				Map.of("MedicationRequest", List.of(alwaysComplains)));

		assertThat(validator.validates("MedicationRequest")).isFalse();
		assertThat(validator.validate(new MedicationRequest(), WriteContext.SINGLE_RESOURCE).all()).isEmpty();
	}
}
