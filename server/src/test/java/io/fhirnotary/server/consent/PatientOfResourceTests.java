package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.interceptors.identity.ResourceRef;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class PatientOfResourceTests {

	private final PatientOfResource patientOf = new PatientOfResource(FhirContext.forR4Cached());

	private static ResourceRef patient(String id) {
		return new ResourceRef("Patient", id);
	}

	@Test
	void aResourceBelongsToThePatientItsCompartmentParametersName() {
		Observation observation = new Observation().setSubject(new Reference("Patient/a"));
		assertThat(patientOf.of(observation)).isEqualTo(new PatientOfResource.Owners(java.util.Set.of(patient("a")), false));
	}

	@Test
	void aPatientIsOwnedByItselfOnlyNotByThePatientsItLinksTo() {
		Patient a = (Patient) new Patient().setId("Patient/a");
		a.addLink().setOther(new Reference("Patient/b"));
		assertThat(patientOf.of(a).patients()).containsExactly(patient("a"));
		assertThat(patientOf.of(a).unknown()).isFalse();
	}

	@Test
	void severalPatientsAreSeveralOwners() {
		AuditEvent event = new AuditEvent();
		event.addAgent().setWho(new Reference("Patient/b"));
		event.addEntity().setWhat(new Reference("Patient/a"));
		assertThat(patientOf.of(event).patients()).containsExactlyInAnyOrder(patient("a"), patient("b"));
	}

	@Test
	void referencesToOtherTypesAreNoOwners() {
		MedicationRequest aboutAGroup = new MedicationRequest().setSubject(new Reference("Group/g"));
		assertThat(patientOf.of(aboutAGroup)).isEqualTo(new PatientOfResource.Owners(java.util.Set.of(), false));
		assertThat(patientOf.of(new Organization().setName("x")).patients()).isEmpty();
	}

	@Test
	void identifierOnlyReferencesThatAreNotPatientsNameNoOwner() {
		org.hl7.fhir.r4.model.AuditEvent event = new org.hl7.fhir.r4.model.AuditEvent();
		event.addAgent().setWho(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("client-1")));
		event.addEntity().setWhat(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("request-1")));
		event.addEntity().setWhat(new Reference("Patient/a"));

		assertThat(patientOf.of(event).unknown()).isFalse();
		assertThat(patientOf.of(event).patients()).extracting(Object::toString).containsExactly("Patient/a");
	}

	@Test
	void aPatientWeCannotTieToThisServerIsAnUnknownOwner() {
		Observation external = new Observation().setSubject(new Reference("http://elsewhere.example/fhir/Patient/a"));
		assertThat(patientOf.of(external).unknown()).isTrue();
		assertThat(patientOf.of(external).patients()).isEmpty();

		Observation contained = new Observation();
		Patient inside = (Patient) new Patient().setId("#p");
		contained.addContained(inside);
		contained.setSubject(new Reference("#p"));
		assertThat(patientOf.of(contained).unknown()).isTrue();

		Observation logical = new Observation().setSubject(new Reference().setType("Patient")
				.setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("123")));
		assertThat(patientOf.of(logical).unknown()).isTrue();
	}
}
