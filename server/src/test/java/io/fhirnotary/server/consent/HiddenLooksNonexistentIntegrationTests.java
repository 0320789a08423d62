package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.RawHttp;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Every interaction aimed at one resource answers for a hidden resource exactly what it answers for
 * an id that was never stored — status, content type and body, compared byte for byte with the id
 * swapped. HAPI on its own would differ (a consent-filtered read says HAPI-1995 where an unknown id
 * says HAPI-2001, instance history of a hidden resource is an empty 200 bundle, {@code $everything}
 * says HAPI-2841, a delete of an unknown id is a 200).
 */
class HiddenLooksNonexistentIntegrationTests extends ConsentIntegrationTest {

	@Test
	void readsHistoryAndOperationsOnAHiddenResource() {
		RawHttp pharmacy = as(Row.PHARMACY_WITHOUT_CONSENT);
		String patient = world.ref("A");
		for (String path : List.of(patient, patient + "/_history/1", patient + "/_history", patient + "/$everything",
				patient + "/$meta", world.ref("o1") + "/$validate", world.ref("a1") + "/_history?_count=1")) {
			String type = path.startsWith("Patient") ? "Patient" : path.substring(0, path.indexOf('/'));
			String id = path.startsWith("Patient") ? world.id("A") : path.startsWith("Observation") ? world.id("o1") : world.id("a1");
			assertLikeNonexistent(pharmacy, path, type, id, pharmacy.get(path));
		}
	}

	@Test
	void theAuditorSeesNoClinicalResourceExist() {
		RawHttp auditor = as(Row.AUDITOR);
		assertLikeNonexistent(auditor, world.ref("a1"), "MedicationRequest", world.id("a1"), auditor.get(world.ref("a1")));
		assertThat(auditor.get(world.ref("ae1")).status()).isEqualTo(200);
	}

	@Test
	void patchAndDeleteOfAHiddenResource() {
		StoredCounts before = storedCounts();
		RawHttp prescriber = as(Row.PRESCRIBER);
		String patch = "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"stopped\"}]";
		assertLikeNonexistent(prescriber, "PATCH", world.ref("a2"), "application/json-patch+json", patch,
				"MedicationRequest", world.id("a2"),
				prescriber.send("PATCH", world.ref("a2"), "application/json-patch+json", patch));

		RawHttp patientB = as(Row.PATIENT_B);
		assertLikeNonexistent(patientB, "DELETE", world.ref("c1"), null, null, "Consent", world.id("c1"),
				patientB.send("DELETE", world.ref("c1"), null, (String) null));
		assertThat(storedCounts()).isEqualTo(before);
	}

	/** A deleted resource is judged by its last version: 410 for who could see it, else the unknown-id 404. */
	@Test
	void aDeletedHiddenResourceIsNotGoneButUnknown() {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setSubject(new Reference(world.ref("A")));
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setId("Observation/" + world.prefix + "-deleted");
		client.update().resource(observation).execute();
		client.delete().resourceById("Observation", world.prefix + "-deleted").execute();
		String path = "Observation/" + world.prefix + "-deleted";

		assertThat(as(Row.PATIENT_A).get(path).status()).isEqualTo(410);
		assertThat(as(Row.EMERGENCY).get(path).status()).isEqualTo(410);
		RawHttp pharmacy = as(Row.PHARMACY_WITH_CONSENT);
		assertLikeNonexistent(pharmacy, path, "Observation", world.prefix + "-deleted", pharmacy.get(path));
		assertLikeNonexistent(pharmacy, path + "/_history", "Observation", world.prefix + "-deleted",
				pharmacy.get(path + "/_history"));
	}

	/**
	 * The prescriber sees its prescription's current version but not an older one that named another
	 * requester: that version reads like a resource that never existed, and history leaves it out.
	 */
	@Test
	void aHiddenOlderVersionOfAVisibleResource() {
		MedicationRequest prescription = world.prescription("A", "doc2");
		prescription.setId("MedicationRequest/" + world.prefix + "-handed-over");
		client.update().resource(prescription).execute();
		prescription.setRequester(new Reference(world.ref("doc1")));
		client.update().resource(prescription).execute();
		String path = "MedicationRequest/" + world.prefix + "-handed-over";

		RawHttp prescriber = as(Row.PRESCRIBER);
		assertThat(prescriber.get(path).status()).isEqualTo(200);
		assertThat(prescriber.get(path + "/_history/2").status()).isEqualTo(200);
		assertLikeNonexistent(prescriber, path + "/_history/1", "MedicationRequest", world.prefix + "-handed-over",
				prescriber.get(path + "/_history/1"));
		Bundle history = parse(Bundle.class, prescriber.get(path + "/_history"));
		assertThat(history.getEntry()).extracting(entry -> entry.getResource().getIdElement().getVersionIdPart())
				.containsExactly("2");
	}

	/** Resources outside any compartment are not affected: an Organization reads normally. */
	@Test
	void nonPatientDataReadsNormally() {
		assertThat(as(Row.PHARMACY_WITHOUT_CONSENT).get(world.ref("pharm1")).status()).isEqualTo(200);
		assertThat(as(Row.PATIENT_B).get(world.ref("doc2")).status()).isEqualTo(200);
	}
}
