package io.fhirnotary.terminology.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.TerminologyUrls;
import io.fhirnotary.terminology.bundled.BundledTerminology;
import io.fhirnotary.terminology.valueset.EnumeratedValueSetMembership;
import io.fhirnotary.terminology.valueset.ValueSetMembership;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrescriptionRulesTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private static final String OXYCODONE = "1049683";     // Schedule II
	private static final String APAP_CODEINE = "993770";   // Schedule III
	private static final String ACETAMINOPHEN = "313782";  // not controlled

	private static ValueSetMembership bundledSets;
	private static PrescriptionRules bundledRules;

	@BeforeAll
	static void load() {
		bundledSets = new EnumeratedValueSetMembership(BundledTerminology.load(R4).valueSets());
		bundledRules = PrescriptionRules.bundled(R4);
	}

	@Test
	void aScheduleIIPrescriptionWithRefillsIsRejectedAtTheRefillCount() {
		List<RuleViolation> violations = bundledRules.evaluate(request(OXYCODONE, 3), bundledSets);

		assertThat(violations).singleElement().satisfies(violation -> {
			assertThat(violation.ruleId()).isEqualTo("dea-schedule-ii-no-refills");
			assertThat(violation.severity()).isEqualTo(RuleSeverity.ERROR);
			assertThat(violation.location()).isEqualTo("MedicationRequest.dispenseRequest.numberOfRepeatsAllowed");
			assertThat(violation.message()).contains("Schedule II").contains("refills are not allowed");
		});
	}

	@Test
	void aScheduleIIPrescriptionWithoutRefillsPasses() {
		assertThat(bundledRules.evaluate(request(OXYCODONE, 0), bundledSets)).isEmpty();
		assertThat(bundledRules.evaluate(request(OXYCODONE, null), bundledSets)).isEmpty();
	}

	@Test
	void refillsOfUncontrolledOrLowerScheduleMedicationsAreNotTheBundledRulesConcern() {
		assertThat(bundledRules.evaluate(request(ACETAMINOPHEN, 11), bundledSets)).isEmpty();
		assertThat(bundledRules.evaluate(request(APAP_CODEINE, 11), bundledSets)).isEmpty();
	}

	@Test
	void aContainedMedicationIsSeen() {
		MedicationRequest request = request(null, 2);
		Medication medication = new Medication();
		medication.setId("med");
		medication.setCode(rxNorm(OXYCODONE));
		request.addContained(medication);
		request.setMedication(new Reference("#med"));

		assertThat(bundledRules.evaluate(request, bundledSets)).hasSize(1);
	}

	@Test
	void aReferencedMedicationIsSeenThroughTheResolver() {
		MedicationRequest request = request(null, 2);
		request.setMedication(new Reference("Medication/42"));
		Medication stored = new Medication().setCode(rxNorm(OXYCODONE));
		ReferencedMedications database = reference ->
				reference.getReference().equals("Medication/42") ? Optional.of(stored) : Optional.empty();

		assertThat(bundledRules.evaluate(request, bundledSets, database)).hasSize(1);
		// unresolvable: the rule cannot apply; that the reference resolves is the validator's check
		assertThat(bundledRules.evaluate(request, bundledSets, ReferencedMedications.none())).isEmpty();
	}

	@Test
	void aScheduleIIIRefillLimitIsAddedByDataAlone() throws IOException {
		PrescriptionRules withScheduleIII = testRules("/rules/with-schedule-iii-refill-limit.json");

		assertThat(withScheduleIII.evaluate(request(APAP_CODEINE, 5), bundledSets)).isEmpty();
		assertThat(withScheduleIII.evaluate(request(APAP_CODEINE, 6), bundledSets))
				.extracting(RuleViolation::ruleId)
				.containsExactly("dea-schedule-iii-at-most-five-refills");
		// the Schedule II rule is unchanged next to it
		assertThat(withScheduleIII.evaluate(request(OXYCODONE, 1), bundledSets))
				.extracting(RuleViolation::ruleId)
				.containsExactly("dea-schedule-ii-no-refills");
	}

	@Test
	void aRuleWithoutWhenAppliesToEveryRequestAndKeepsItsSeverity() throws IOException {
		PrescriptionRules rules = testRules("/rules/with-schedule-iii-refill-limit.json");
		MedicationRequest noPatient = request(ACETAMINOPHEN, null);
		noPatient.setSubject(null);

		assertThat(rules.evaluate(noPatient, bundledSets)).singleElement().satisfies(violation -> {
			assertThat(violation.ruleId()).isEqualTo("every-request-names-a-patient");
			assertThat(violation.severity()).isEqualTo(RuleSeverity.WARNING);
			assertThat(violation.location()).isEqualTo("MedicationRequest.subject");
		});
	}

	@Test
	void rulesFollowTheValueSetsTheMembershipKnows() throws IOException {
		// a membership over other (e.g. loaded) content decides what is controlled
		ValueSetMembership everythingIsScheduleII = (valueSet, system, code) -> valueSet.endsWith("dea-schedule-ii");

		assertThat(bundledRules.evaluate(request(ACETAMINOPHEN, 1), everythingIsScheduleII)).hasSize(1);
	}

	@Test
	void aRuleFileWithInvalidFhirPathIsRefusedWhenLoaded() {
		String json = rulesJson("dispenseRequest.numberOfRepeatsAllowed <=", "error");

		assertThatThrownBy(() -> read(json))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("rule r1")
				.hasMessageContaining("not valid FHIRPath");
	}

	@Test
	void aRuleFileWithAnUnknownSeverityIsRefused() {
		assertThatThrownBy(() -> read(rulesJson("true", "fatal"))).hasMessageContaining("severity");
	}

	@Test
	void aRuleFileWithRepeatedIdsIsRefused() {
		String rule = """
				{ "id": "same", "require": "true", "location": "MedicationRequest", "severity": "error", "message": "m" }""";
		String json = "{ \"rules\": [" + rule + "," + rule + "] }";

		assertThatThrownBy(() -> read(json)).hasMessageContaining("same").hasMessageContaining("more than once");
	}

	@Test
	void aRuleWithoutAMessageIsRefused() {
		String json = """
				{ "rules": [ { "id": "r1", "require": "true", "location": "MedicationRequest", "severity": "error" } ] }""";

		assertThatThrownBy(() -> read(json)).hasMessageContaining("message");
	}

	private static MedicationRequest request(String rxNormCode, Integer refills) {
		MedicationRequest request = new MedicationRequest();
		request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.setSubject(new Reference("Patient/p1"));
		if (rxNormCode != null) {
			request.setMedication(rxNorm(rxNormCode));
		}
		if (refills != null) {
			request.getDispenseRequest().setNumberOfRepeatsAllowed(refills);
		}
		return request;
	}

	private static CodeableConcept rxNorm(String code) {
		return new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(TerminologyUrls.RXNORM, code, null));
	}

	private static PrescriptionRules testRules(String resource) throws IOException {
		try (InputStream in = PrescriptionRulesTests.class.getResourceAsStream(resource)) {
			return PrescriptionRules.read(in, R4);
		}
	}

	private static PrescriptionRules read(String json) throws IOException {
		return PrescriptionRules.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), R4);
	}

	private static String rulesJson(String require, String severity) {
		return """
				{ "rules": [ { "id": "r1", "require": "%s", "location": "MedicationRequest", "severity": "%s", "message": "m" } ] }"""
				.formatted(require, severity);
	}
}
