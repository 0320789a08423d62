package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.devauth.DevTokenCommand;
import io.fhirnotary.server.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The quick start's embedded H2 encrypts too: the dev profile creates its keystore on first start
 * (owner-only, in the data folder) and the same SQL stores and reads bodies. Same configuration as
 * {@code DevProfileIntegrationTests}, so both share one Spring context.
 */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"fhirnotary.data-dir=./target/dev-profile-test"})
@ActiveProfiles("dev")
class EncryptedBodiesOnH2IntegrationTests {

	private static final Path DATA_DIR = Path.of("target/dev-profile-test");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void devProfileCreatesAnOwnerOnlyKeystoreAndStoresEveryVersionEncrypted() throws Exception {
		Path keystore = DATA_DIR.resolve("keys/fhirnotary.p12");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
		String root = "http://localhost:" + port;
		RawHttp fhir = new RawHttp(root + "/fhir", DevTokenCommand.token(root, DATA_DIR, "demo-custodian-ehr", null, null));
		String family = EncryptedBodiesIntegrationTests.secret();

		RawHttp.Response created = fhir.send("PUT", "Patient/h2-" + family, "application/fhir+json",
				"{\"resourceType\":\"Patient\",\"id\":\"h2-" + family + "\",\"name\":[{\"family\":\"" + family + "\"}]}");
		RawHttp.Response updated = fhir.send("PUT", "Patient/h2-" + family, "application/fhir+json",
				"{\"resourceType\":\"Patient\",\"id\":\"h2-" + family + "\",\"name\":[{\"family\":\"" + family + "-2\"}]}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(updated.status()).isEqualTo(200);
		assertThat(fhir.get("Patient/h2-" + family).body()).contains(family + "-2");
		assertThat(fhir.get("Patient/h2-" + family + "/_history/1").body()).contains(family).doesNotContain(family + "-2");
		List<Map<String, Object>> versions = jdbc.queryForList(
				"SELECT v.res_encoding, v.res_text_vc FROM hfj_res_ver v JOIN hfj_resource r ON r.res_id = v.res_id"
						+ " WHERE r.fhir_id = ?",
				"h2-" + family);
		assertThat(versions).hasSize(2).allSatisfy(version -> {
			assertThat(version.get("res_encoding")).isEqualTo("ESR");
			assertThat((String) version.get("res_text_vc")).startsWith("fnenc:");
		});
		for (byte[] ciphertext : jdbc.queryForList(
				"SELECT b.ciphertext FROM fn_resource_body b JOIN hfj_resource r ON r.res_id = b.res_pid WHERE r.fhir_id = ?",
				byte[].class, "h2-" + family)) {
			assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(family);
		}

		// the audit journal's SQL is portable too: the writes' events were appended with them, and the
		// reads' by the audit writer; the trail is searched by entity and code (LIKE ... ESCAPE) on H2
		String trail = "AuditEvent?entity=Patient/h2-" + family + "&_sort=date";
		List<String> subtypes = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
				.until(() -> subtypesOf(fhir.get(trail)), found -> found.size() >= 4);
		assertThat(subtypes).startsWith("update", "update").contains("read", "vread");
		assertThat(subtypesOf(fhir.get(trail + "&subtype=vread"))).containsExactly("vread");
	}

	private static List<String> subtypesOf(RawHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		org.hl7.fhir.r4.model.Bundle bundle = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
				.parseResource(org.hl7.fhir.r4.model.Bundle.class, response.body());
		return bundle.getEntry().stream()
				.map(entry -> ((org.hl7.fhir.r4.model.AuditEvent) entry.getResource()).getSubtypeFirstRep().getCode())
				.toList();
	}
}
