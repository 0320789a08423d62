package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.crypto.Pkcs11KeyStore;
import io.fhirnotary.interceptors.crypto.WrappedDataKey;
import io.fhirnotary.server.support.ServerIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import io.fhirnotary.testkit.FreshPostgresDatabase;
import io.fhirnotary.testkit.SoftHsmToken;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Protected mode with its keys in a PKCS#11 token ({@code fhirnotary.crypto.provider=pkcs11}, a
 * SoftHSM2 token), end to end over HTTP on PostgreSQL: bodies encrypted under data keys the token
 * wraps, blind-index searches keyed by the token's HMAC key, and a KEK rotation that adds the new
 * KEK inside the token and retires the old one there.
 *
 * <p>A Spring context of its own, on a database of its own: the token's {@code kek-1} is not the
 * keystore file's {@code kek-1} the other tests' data keys are wrapped with. The notary is off
 * here, so that this context's anchorer does not share the other context's chain account. The
 * context is closed after this class rather than kept to the end of the run: closing it at JVM exit,
 * beside the other contexts and the databases' drop hooks, made the exit outlast surefire's limit.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class Pkcs11KeyProviderIntegrationTests extends ServerIntegrationTest {

	private static final SoftHsmToken TOKEN = SoftHsmToken.shared();

	@DynamicPropertySource
	static void keysInAToken(DynamicPropertyRegistry registry) {
		registerServer(registry, FreshPostgresDatabase.create("fhirnotary_p11_"));
		registry.add("fhirnotary.crypto.provider", () -> "pkcs11");
		registry.add("fhirnotary.crypto.pkcs11-config", () -> TOKEN.providerConfig().toString());
		registry.add("fhirnotary.crypto.pkcs11-pin-file", () -> TOKEN.pinFile().toString());
		registry.add("fhirnotary.notary.enabled", () -> "false");
	}

	@Test
	void bodiesSearchesAndARotationRunOnKeysThatNeverLeaveTheToken() throws Exception {
		String family = EncryptedBodiesIntegrationTests.secret();
		String mrn = "MRN-" + EncryptedBodiesIntegrationTests.secret();
		Patient patient = new Patient();
		patient.addName().setFamily(family);
		patient.addIdentifier().setSystem("http://example.org/mrn").setValue(mrn);
		String patientId = client.create().resource(patient).execute().getId().getIdPart();
		String prescriptionId = client.create()
				.resource(EncryptedBodiesIntegrationTests.prescription(new Reference("Patient/" + patientId), "one at night"))
				.execute().getId().getIdPart();

		assertThat(jdbc.queryForObject("SELECT count(*) FROM fn_resource_body", Long.class)).isPositive();
		assertThat(storedBodiesMention(family)).isFalse();
		assertThat(http.get("Patient/" + patientId).body()).contains(family);
		assertThat(http.get("MedicationRequest/" + prescriptionId).body()).contains("one at night");
		assertThat(identifierSearch(mrn)).containsExactly(patientId);
		assertThat(kekIdsInUse()).containsOnly("kek-1");

		RawHttp.Response rotated = http.send("POST", "$rotate-kek", "application/fhir+json", "{\"resourceType\":\"Parameters\"}");
		RawHttp.Response retired = http.send("POST", "$retire-kek?kek=kek-1", "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");

		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.body()).contains("kek-2");
		assertThat(retired.status()).isEqualTo(200);
		assertThat(kekIdsInUse()).containsOnly("kek-2");
		Pkcs11KeyStore token = Pkcs11KeyStore.open(TOKEN.providerConfig(), TOKEN.pinFile(), null, false);
		assertThat(token.ids()).containsExactly("kek-2");
		for (Map<String, Object> row : jdbc.queryForList(
				"SELECT key_id, kek_id, wrapped_key FROM fn_data_key WHERE wrapped_key IS NOT NULL")) {
			token.unwrap(new WrappedDataKey((String) row.get("key_id"), (String) row.get("kek_id"), (byte[]) row.get("wrapped_key")));
		}
		assertThat(http.get("Patient/" + patientId).body()).contains(family);
		assertThat(http.get("MedicationRequest/" + prescriptionId).body()).contains("one at night");
		assertThat(identifierSearch(mrn)).containsExactly(patientId);
	}

	private List<String> identifierSearch(String mrn) {
		Bundle found = client.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndCode("http://example.org/mrn", mrn))
				.returnBundle(Bundle.class).execute();
		return found.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private List<String> kekIdsInUse() {
		return jdbc.queryForList("SELECT DISTINCT kek_id FROM fn_data_key WHERE wrapped_key IS NOT NULL", String.class);
	}

	private boolean storedBodiesMention(String text) {
		Long hits = jdbc.queryForObject(
				"SELECT count(*) FROM fn_resource_body WHERE position(convert_to(?, 'UTF8') in ciphertext) > 0", Long.class, text);
		return hits != null && hits > 0;
	}
}
