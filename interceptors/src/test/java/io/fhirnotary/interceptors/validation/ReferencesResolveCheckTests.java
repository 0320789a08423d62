package io.fhirnotary.interceptors.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ReferencesResolveCheckTests {

	private final Set<String> stored = Set.of("Patient/p1", "Practitioner/dr1", "Organization/pharmacy");
	private final ReferencesResolveCheck check = new ReferencesResolveCheck(
			(type, id) -> stored.contains(type + "/" + id), FhirContext.forR4Cached().newFhirPath());

	@Test
	void acceptsAPrescriptionWhoseReferencesAreStored() {
		ValidationIssues issues = new ValidationIssues();

		check.check(prescription("Patient/p1", "Practitioner/dr1"), WriteContext.SINGLE_RESOURCE, issues);

		assertThat(issues.all()).isEmpty();
	}

	@Test
	void reportsEveryDanglingReferenceWithItsLocation() {
		ValidationIssues issues = new ValidationIssues();

		check.check(prescription("Patient/ghost", "Practitioner/nobody"), WriteContext.SINGLE_RESOURCE, issues);

		assertThat(issues.errors()).extracting(ValidationIssues.Issue::location)
				.containsExactlyInAnyOrder("MedicationRequest.subject", "MedicationRequest.requester");
		assertThat(issues.errors()).allSatisfy(i -> assertThat(i.type()).isEqualTo(IssueType.NOTFOUND));
	}

	@Test
	void leavesTemporaryConditionalContainedAndExternalReferencesToHapi() {
		ValidationIssues issues = new ValidationIssues();
		MedicationRequest prescription = prescription("urn:uuid:2b1c", "Practitioner?identifier=npi|1");
		prescription.setMedication(new Reference("#med"));

		check.check(prescription, WriteContext.SINGLE_RESOURCE, issues);
		check.check(prescription("https://other.example/fhir/Patient/1", "Practitioner/dr1"), WriteContext.SINGLE_RESOURCE, issues);

		assertThat(issues.all()).isEmpty();
	}

	@Test
	void skipsBundleEntriesWhoseTargetsTheBundleMayCreate() {
		ValidationIssues issues = new ValidationIssues();

		check.check(prescription("Patient/created-later", "Practitioner/dr1"), WriteContext.BUNDLE_ENTRY, issues);

		assertThat(issues.all()).isEmpty();
	}

	@Test
	void checksConsentActorsAtEveryProvisionLevel() {
		Consent consent = new Consent().setPatient(new Reference("Patient/p1"));
		consent.getProvision().addActor().setReference(new Reference("Organization/pharmacy"));
		consent.getProvision().addProvision().addActor().setReference(new Reference("Organization/unknown"));
		ValidationIssues issues = new ValidationIssues();

		check.check(consent, WriteContext.SINGLE_RESOURCE, issues);

		assertThat(issues.errors()).extracting(ValidationIssues.Issue::location)
				.containsExactly("Consent.provision.provision.actor.reference");
	}

	private static MedicationRequest prescription(String subject, String requester) {
		return new MedicationRequest().setSubject(new Reference(subject)).setRequester(new Reference(requester));
	}
}
