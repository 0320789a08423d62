package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.crypto.Pkcs12KeyStore;
import io.fhirnotary.interceptors.crypto.WrappedDataKey;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Crypto-shredding and KEK rotation, end to end over HTTP on PostgreSQL. */
class KeyManagementIntegrationTests extends PostgresIntegrationTest {

	@Test
	void shreddingErasesEveryVersionOfOnePatientAndNobodyElse() {
		String family = EncryptedBodiesIntegrationTests.secret();
		String erased = createPatient(family);
		Patient v2 = client.read().resource(Patient.class).withId(erased).execute();
		v2.addName().setFamily(family + "-alias");
		client.update().resource(v2).execute();
		String erasedRequest = createPrescription(erased, "erased dose");
		String kept = createPatient(EncryptedBodiesIntegrationTests.secret());
		String keptRequest = createPrescription(kept, "kept dose");

		String custodianUser = "Device/shred-test-" + UUID.randomUUID();
		RawHttp custodian = httpAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(custodianUser).scope("system/*.cruds")));
		RawHttp.Response shred = custodian.send("POST", "Patient/" + erased + "/$crypto-shred", "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");

		assertThat(shred.status()).isEqualTo(200);
		assertThat(shred.body()).contains("resourcesDeleted").contains("\"valueInteger\":2");
		assertThat(http.get("Patient/" + erased).status()).isEqualTo(410);
		assertThat(http.get("Patient/" + erased + "/_history/1").status()).isEqualTo(410);
		assertThat(http.get("Patient/" + erased + "/_history/2").status()).isEqualTo(410);
		assertThat(http.get("MedicationRequest/" + erasedRequest).status()).isEqualTo(410);
		assertThat(http.get("MedicationRequest/" + erasedRequest + "/_history/1").status()).isEqualTo(410);
		assertThat(http.get("Patient/" + erased + "/_history").status()).isEqualTo(410);
		Bundle search = client.search().forResource(MedicationRequest.class)
				.where(MedicationRequest.SUBJECT.hasAnyOfIds("Patient/" + erased, "Patient/" + kept))
				.returnBundle(Bundle.class).execute();
		assertThat(search.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(keptRequest);
		Bundle patients = client.search().forResource(Patient.class).where(Patient.RES_ID.exactly().codes(erased, kept))
				.returnBundle(Bundle.class).execute();
		assertThat(patients.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(kept);

		assertThat(http.get("Patient/" + kept).status()).isEqualTo(200);
		assertThat(client.read().resource(MedicationRequest.class).withId(keptRequest).execute()
				.getDosageInstructionFirstRep().getText()).isEqualTo("kept dose");
		assertThat(jdbc.queryForObject(
						"SELECT count(*) FROM fn_data_key WHERE compartment = ? AND wrapped_key IS NULL AND destroyed_at IS NOT NULL",
						Long.class, "Patient/" + erased))
				.isEqualTo(1);

		// the erasure itself is audited (under the shared key, so the record outlives the patient's data)
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			Bundle events = client.search().forResource(AuditEvent.class)
					.where(AuditEvent.DATE.afterOrEquals().second(java.util.Date.from(java.time.Instant.now().minusSeconds(300))))
					.sort().descending(AuditEvent.DATE)
					.count(200)
					.cacheControl(new CacheControlDirective().setNoCache(true))
					.returnBundle(Bundle.class).execute();
			assertThat(events.getEntry()).map(e -> (AuditEvent) e.getResource())
					.filteredOn(event -> event.getAgent().stream().anyMatch(agent ->
							custodianUser.equals(agent.getWho().getReference())
									|| custodianUser.equals(agent.getWho().getIdentifier().getValue())))
					.flatMap(AuditEvent::getEntity)
					.extracting(entity -> entity.getDescription() == null ? "" : entity.getDescription())
					.contains("Patient/$crypto-shred");
		});
	}

	@Test
	void shreddingIsRefusedToNonCustodiansUnknownAndAlreadyErasedPatients() {
		String patient = createPatient(EncryptedBodiesIntegrationTests.secret());
		RawHttp pharmacy = httpAs(token(t -> t.clientId("some-pharmacy").fhirUser("Organization/x").scope("user/*.rs")));

		RawHttp.Response refused = pharmacy.send("POST", "Patient/" + patient + "/$crypto-shred", "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");
		assertThat(refused.status()).isIn(403, 404);
		assertThat(refused.body()).contains("OperationOutcome");
		assertThat(http.get("Patient/" + patient).status()).isEqualTo(200);

		RawHttp.Response unknown = http.send("POST", "Patient/no-such-" + UUID.randomUUID() + "/$crypto-shred",
				"application/fhir+json", "{\"resourceType\":\"Parameters\"}");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("OperationOutcome");

		assertThat(shred(patient).status()).isEqualTo(200);
		RawHttp.Response again = shred(patient);
		assertThat(again.status()).isEqualTo(410);
		assertThat(again.body()).contains("OperationOutcome");
	}

	@Test
	void afterShreddingNothingNewIsStoredForThatPatient() {
		String patient = createPatient(EncryptedBodiesIntegrationTests.secret());
		assertThat(shred(patient).status()).isEqualTo(200);

		MedicationRequest late = EncryptedBodiesIntegrationTests.prescription(new Reference("Patient/" + patient), "late");
		RawHttp.Response write = http.send("POST", "MedicationRequest", "application/fhir+json",
				fhirContext().newJsonParser().encodeResourceToString(late));
		assertThat(write.status()).isBetween(400, 499);
		assertThat(write.body()).contains("OperationOutcome");
	}

	@Test
	void rotationRewrapsEveryDataKeyWhileReadsContinueAndTheOldKekCanBeRetired() throws Exception {
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			patients.add(createPatient(EncryptedBodiesIntegrationTests.secret()));
		}
		String oldPrimary = primaryKek();
		AtomicBoolean reading = new AtomicBoolean(true);
		AtomicInteger reads = new AtomicInteger();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		List<Thread> readers = new ArrayList<>();
		for (int r = 0; r < 3; r++) {
			RawHttp reader = httpAs(custodianToken());
			Thread thread = new Thread(() -> {
				int i = 0;
				while (reading.get()) {
					String id = patients.get(i++ % patients.size());
					RawHttp.Response response = reader.get("Patient/" + id);
					if (response.status() != 200) {
						failures.add(id + " -> " + response.status());
					}
					reads.incrementAndGet();
				}
			});
			thread.start();
			readers.add(thread);
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reads.get() > 10);

		RawHttp.Response rotated = http.send("POST", "$rotate-kek", "application/fhir+json", "{\"resourceType\":\"Parameters\"}");

		int readsDuringRotation = reads.get();
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reads.get() > readsDuringRotation + 10);
		reading.set(false);
		for (Thread thread : readers) {
			thread.join();
		}
		assertThat(rotated.status()).isEqualTo(200);
		assertThat(failures).isEmpty();
		String newPrimary = primaryKek();
		assertThat(newPrimary).isNotEqualTo(oldPrimary);
		assertThat(rotated.body()).contains(newPrimary);
		assertThat(jdbc.queryForObject(
						"SELECT count(*) FROM fn_data_key WHERE wrapped_key IS NOT NULL AND kek_id <> ?", Long.class, newPrimary))
				.isZero();

		RawHttp.Response retired = http.send("POST", "$retire-kek?kek=" + oldPrimary, "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");
		assertThat(retired.status()).isEqualTo(200);

		// Every live data key opens with the keystore as it is now on disk (old KEK gone).
		Pkcs12KeyStore onDisk = Pkcs12KeyStore.open(TEST_KEYSTORE, passwordFile(), null);
		assertThat(onDisk.ids()).doesNotContain(oldPrimary).contains(newPrimary);
		for (Map<String, Object> row : jdbc.queryForList(
				"SELECT key_id, kek_id, wrapped_key FROM fn_data_key WHERE wrapped_key IS NOT NULL")) {
			onDisk.unwrap(new WrappedDataKey((String) row.get("key_id"), (String) row.get("kek_id"), (byte[]) row.get("wrapped_key")));
		}
		for (String id : patients) {
			assertThat(http.get("Patient/" + id).status()).isEqualTo(200);
		}
		assertThat(createPatient(EncryptedBodiesIntegrationTests.secret())).isNotBlank();
	}

	@Test
	void retiringThePrimaryOrAKekStillInUseIsRefused() {
		RawHttp.Response primary = http.send("POST", "$retire-kek?kek=" + primaryKek(), "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");
		assertThat(primary.status()).isEqualTo(409);
		assertThat(primary.body()).contains("OperationOutcome");

		RawHttp.Response missing = http.send("POST", "$retire-kek", "application/fhir+json", "{\"resourceType\":\"Parameters\"}");
		assertThat(missing.status()).isEqualTo(400);

		RawHttp auditor = httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/*.rs")));
		assertThat(auditor.send("POST", "$rotate-kek", "application/fhir+json", "{\"resourceType\":\"Parameters\"}").status())
				.isEqualTo(403);
	}

	// --- helpers ---------------------------------------------------------------------------------

	private RawHttp.Response shred(String patientId) {
		return http.send("POST", "Patient/" + patientId + "/$crypto-shred", "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");
	}

	private String primaryKek() {
		try {
			return Pkcs12KeyStore.open(TEST_KEYSTORE, passwordFile(), null).primary().id();
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static Path passwordFile() {
		return TEST_KEYSTORE.resolveSibling(TEST_KEYSTORE.getFileName() + ".password");
	}

	private String createPatient(String family) {
		Patient patient = new Patient();
		patient.addName().setFamily(family);
		return client.create().resource(patient).execute().getId().getIdPart();
	}

	private String createPrescription(String patientId, String dosage) {
		return client.create().resource(EncryptedBodiesIntegrationTests.prescription(new Reference("Patient/" + patientId), dosage))
				.execute().getId().getIdPart();
	}
}
