package io.fhirnotary.interceptors.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.identity.ResourceRef;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ResourceReferencesTests {

	private static ResourceRef ref(String value) {
		return ResourceRef.parse(value).orElseThrow();
	}

	@Test
	void collectsLocalReferencesAtAnyDepthInExtensionsAndContainedResources() {
		MedicationDispense dispense = new MedicationDispense();
		dispense.setId("d1");
		dispense.setSubject(new Reference("Patient/A"));
		dispense.addAuthorizingPrescription(new Reference("MedicationRequest/a1/_history/2"));
		dispense.addPerformer().setActor(new Reference("Organization/pharm1"));
		dispense.addExtension(new Extension("http://example.org/ext", new Reference("Practitioner/ph1")));
		MedicationRequest contained = new MedicationRequest();
		contained.setId("inner");
		contained.setRequester(new Reference("Practitioner/doc1"));
		dispense.addContained(contained);

		assertThat(ResourceReferences.outgoing(dispense)).containsExactlyInAnyOrder(
				ref("Patient/A"), ref("MedicationRequest/a1"), ref("Organization/pharm1"),
				ref("Practitioner/ph1"), ref("Practitioner/doc1"));
	}

	@Test
	void leavesOutReferencesItCannotTieToThisServer() {
		MedicationDispense dispense = new MedicationDispense();
		dispense.setSubject(new Reference("https://elsewhere.example/fhir/Patient/A"));
		dispense.addAuthorizingPrescription(new Reference("#inner"));
		dispense.addPerformer().setActor(new Reference().setDisplay("a pharmacy with no reference"));
		dispense.addReceiver(new Reference("urn:uuid:0b6b4bd4-5f0b-4b6e-9b5c-1a7d3c3c9f11"));

		assertThat(ResourceReferences.outgoing(dispense)).isEmpty();
	}

	@Test
	void identityIsTypeAndIdWithoutVersionOrBase() {
		Patient patient = new Patient();
		patient.setId("http://server.example/fhir/Patient/A/_history/7");
		assertThat(ResourceReferences.identity(patient)).contains(ref("Patient/A"));
		assertThat(ResourceReferences.identity(new Patient())).isEmpty();
	}
}
