package io.fhirnotary.server.notary;

import static io.fhirnotary.server.notary.NotaryTestSupport.awaitAnchored;
import static io.fhirnotary.server.notary.NotaryTestSupport.value;
import static io.fhirnotary.server.notary.NotaryTestSupport.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.crypto.VersionSecretKeys;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leaf salts are sealed under the data key of the version's compartment (docs/NOTARY.md, "Where
 * the salt lives"), on PostgreSQL: none is stored in clear, and crypto-shredding a patient makes
 * their salts unrecoverable, so the notary can no longer link their versions to their leaves —
 * {@code $verify} says unknown (erased), {@code $notary-receipt} answers 410 — while other patients'
 * versions verify as before.
 */
class NotarySaltErasureIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	private StoredVersionLeaves storedVersions;
	@Autowired
	private VersionSecretKeys keys;
	@Autowired
	private PlatformTransactionManager transactions;

	private RawHttp auditor() {
		return httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/*.rs")));
	}

	@Test
	void shreddingAPatientUnlinksTheirVersionsFromTheirLeavesAndNobodyElses() {
		String erased = createPatient("SaltErased");
		String erasedRx = createPrescription(erased);
		String kept = createPatient("SaltKept");
		String keptRx = createPrescription(kept);
		awaitAnchored(jdbc, "MedicationRequest", erasedRx, "1");
		awaitAnchored(jdbc, "MedicationRequest", keptRx, "1");

		RawHttp.Response receipt = auditor().get("MedicationRequest/" + erasedRx + "/_history/1/$notary-receipt");
		assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
		String salt = receipt.body().replaceAll("(?s).*\"salt\" : \"([0-9a-f]{64})\".*", "$1");
		assertThat(salt).hasSize(64);

		// the salt is stored sealed, under the patient's data key (the key of the body), never in clear
		Map<String, Object> sealed = jdbc.queryForMap("SELECT data_key_id, sealed_salt FROM fhirnotary_notary_sealed_salt "
				+ "WHERE resource_type = 'MedicationRequest' AND resource_id = ? AND version_id = '1'", erasedRx);
		assertThat(sealed.get("data_key_id")).isEqualTo(dataKeyOf("Patient/" + erased));
		assertThat(HexFormat.of().formatHex((byte[]) sealed.get("sealed_salt"))).doesNotContain(salt);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM fhirnotary_notary_salt", Long.class)).isZero();

		RawHttp.Response shred = http.send("POST", "Patient/" + erased + "/$crypto-shred", "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");
		assertThat(shred.status()).as(shred.body()).isEqualTo(200);

		// every version of the erased patient, the deletions the shredding made included
		for (String[] version : List.of(new String[] {"MedicationRequest", erasedRx, "1"}, new String[] {"MedicationRequest", erasedRx, "2"},
				new String[] {"Patient", erased, "1"}, new String[] {"Patient", erased, "2"})) {
			String path = version[0] + "/" + version[1] + "/_history/" + version[2];
			assertThat(storedVersions.salt(version[0], version[1], version[2]).state()).as(path).isEqualTo(NotarySalts.State.ERASED);
			Parameters verified = verify(auditor(), version[0], version[1], version[2]);
			assertThat(value(verified, "result")).as(path).isEqualTo("unknown");
			assertThat(value(verified, "reason")).as(path).contains("erased");
			RawHttp.Response noReceipt = auditor().get(path + "/$notary-receipt");
			assertThat(noReceipt.status()).as(path).isEqualTo(410);
			assertThat(noReceipt.body()).as(path).doesNotContain("\"salt\"").doesNotContain(salt);
		}

		assertThat(value(verify(auditor(), "MedicationRequest", keptRx, "1"), "result")).isEqualTo("valid");
		assertThat(auditor().get("MedicationRequest/" + keptRx + "/_history/1/$notary-receipt").status()).isEqualTo(200);
	}

	@Test
	void clearSaltsOfV30AreSealedUnderTheirVersionsKeysAtStartUp() {
		String patient = createPatient("SaltLegacy");
		String rx = createPrescription(patient);
		awaitAnchored(jdbc, "MedicationRequest", rx, "1");
		byte[] salt = storedVersions.salt("MedicationRequest", rx, "1").salt();
		// as a database written before V31 holds it: in clear, in V30's table
		jdbc.update("DELETE FROM fhirnotary_notary_sealed_salt WHERE resource_type = 'MedicationRequest' AND resource_id = ?", rx);
		jdbc.update("INSERT INTO fhirnotary_notary_salt (resource_type, resource_id, version_id, salt) VALUES ('MedicationRequest', ?, '1', ?)",
				rx, HexFormat.of().formatHex(salt));
		assertThat(storedVersions.salt("MedicationRequest", rx, "1").state()).isEqualTo(NotarySalts.State.MISSING);

		int sealed = new LegacySaltSealing(jdbc, keys, new TransactionTemplate(transactions)).sealAll();

		assertThat(sealed).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM fhirnotary_notary_salt", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT data_key_id FROM fhirnotary_notary_sealed_salt WHERE resource_type = 'MedicationRequest' "
				+ "AND resource_id = ?", String.class, rx)).isEqualTo(dataKeyOf("Patient/" + patient));
		assertThat(storedVersions.salt("MedicationRequest", rx, "1").salt()).isEqualTo(salt);
		assertThat(value(verify(auditor(), "MedicationRequest", rx, "1"), "result")).isEqualTo("valid");
	}

	private String dataKeyOf(String compartment) {
		return jdbc.queryForObject("SELECT key_id FROM fn_data_key WHERE compartment = ?", String.class, compartment);
	}

	private String createPatient(String family) {
		Patient patient = NotaryCaptureIntegrationTests.patient(family);
		return client.create().resource(patient).execute().getId().getIdPart();
	}

	private String createPrescription(String patientId) {
		MedicationRequest request = new MedicationRequest();
		request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.setMedication(new org.hl7.fhir.r4.model.CodeableConcept().setText("amoxicillin 500 mg capsule"));
		request.setSubject(new Reference("Patient/" + patientId));
		return client.create().resource(request).execute().getId().getIdPart();
	}
}
