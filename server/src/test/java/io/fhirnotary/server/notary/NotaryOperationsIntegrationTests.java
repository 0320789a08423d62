package io.fhirnotary.server.notary;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.verify.VerifyCommand;
import io.fhirnotary.server.support.AnvilTestChain;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor interfaces through HTTP against PostgreSQL and a real Anvil node: anchoring then
 * {@code $verify} valid, a body changed in PostgreSQL reported tampered, a receipt checked by the
 * standalone verifier's entry point, {@code $notary-status}, and who may ask.
 */
class NotaryOperationsIntegrationTests extends PostgresIntegrationTest {

	private RawHttp auditor() {
		return httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/*.rs")));
	}

	private RawHttp pharmacy() {
		return httpAs(token(t -> t.clientId("notary-test-pharmacy").fhirUser("Organization/notary-test-pharmacy")
				.scope("user/*.rs").purposeOfUse("TREAT")));
	}

	private RawHttp patientApp(String patientId) {
		return httpAs(token(t -> t.clientId("notary-test-patient-app").fhirUser("Patient/" + patientId)
				.scope("patient/*.rs")));
	}

	@Test
	void anAnchoredVersionVerifiesAsValidWithItsProofAndAnchor() {
		IdType id = createPatient("Valid");

		Parameters verified = awaitResult(auditor(), id.getResourceType() + "/" + id.getIdPart() + "/_history/1/$verify", "valid");

		assertThat(string(verified, "resource")).isEqualTo("Patient/" + id.getIdPart() + "/_history/1");
		assertThat(string(verified, "leaf")).hasSize(64);
		assertThat(string(verified, "root")).hasSize(64);
		assertThat(verified.getParameter("treeSize").getValue().primitiveValue()).isNotBlank();
		assertThat(verified.getParameter("chainId").getValue().primitiveValue()).isEqualTo("31337");
		assertThat(string(verified, "contract")).matches("0x[0-9a-f]{40}");
		assertThat(string(verified, "transactionHash")).matches("0x[0-9a-f]{64}");
		assertThat(verified.getParameter("blockNumber").getValue().primitiveValue()).matches("\\d+");
		assertThat(string(verified, "state")).isIn("CONFIRMED", "FINAL");

		// the current version, without _history, is the same version here
		Parameters current = parameters(auditor().get("Patient/" + id.getIdPart() + "/$verify"));
		assertThat(code(current, "result")).isEqualTo("valid");
		assertThat(string(current, "resource")).isEqualTo("Patient/" + id.getIdPart() + "/_history/1");
	}

	@Test
	void aCiphertextChangedInPostgresIsReportedTampered() {
		IdType id = createPatient("Tamper");
		awaitResult(auditor(), "Patient/" + id.getIdPart() + "/_history/1/$verify", "valid");

		// bodies are encrypted (fn_resource_body): flip one byte of this version's ciphertext
		int changed = jdbc.update("UPDATE fn_resource_body SET ciphertext = set_byte(ciphertext, 40, (get_byte(ciphertext, 40) + 1) % 256) "
				+ "WHERE res_pid = (SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ?) AND res_ver = 1",
				id.getIdPart());
		assertThat(changed).isEqualTo(1);

		Parameters verified = parameters(auditor().get("Patient/" + id.getIdPart() + "/_history/1/$verify"));
		assertThat(code(verified, "result")).isEqualTo("tampered");
		assertThat(string(verified, "leaf")).hasSize(64);
	}

	@Test
	void aVersionWhoseLastUpdatedWasMovedInPostgresIsReportedTampered() {
		// meta.lastUpdated lives in HAPI's own columns, outside the encrypted body: only the notary sees this change
		IdType id = createPatient("Backdated");
		awaitResult(auditor(), "Patient/" + id.getIdPart() + "/_history/1/$verify", "valid");

		// the current version's time is read from hfj_resource, older versions' from hfj_res_ver: move both
		int changed = jdbc.update("UPDATE hfj_res_ver SET res_updated = res_updated - INTERVAL '1 day' "
				+ "WHERE res_id = (SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ?) AND res_ver = 1",
				id.getIdPart());
		changed += jdbc.update("UPDATE hfj_resource SET res_updated = res_updated - INTERVAL '1 day' "
				+ "WHERE res_type = 'Patient' AND fhir_id = ?", id.getIdPart());
		assertThat(changed).isEqualTo(2);

		Parameters verified = parameters(auditor().get("Patient/" + id.getIdPart() + "/_history/1/$verify"));
		assertThat(code(verified, "result")).isEqualTo("tampered");
		assertThat(string(verified, "reason")).doesNotContain("Backdated");
		assertThat(auditor().get("Patient/" + id.getIdPart() + "/_history/1/$notary-receipt").status()).isEqualTo(409);
	}

	@Test
	void aReceiptFromTheServerIsAcceptedByTheStandaloneVerifierAndAModifiedCopyIsNot(@TempDir Path folder) throws Exception {
		IdType id = createPatient("Receipt");
		awaitResult(auditor(), "Patient/" + id.getIdPart() + "/_history/1/$verify", "valid");

		RawHttp.Response receipt = auditor().get("Patient/" + id.getIdPart() + "/_history/1/$notary-receipt");
		assertThat(receipt.status()).isEqualTo(200);
		assertThat(receipt.contentType()).startsWith("application/json");
		assertThat(receipt.body()).contains("\"type\" : \"fhir-notary-receipt\"").doesNotContain("Receipt\"");
		RawHttp.Response copy = http.get("Patient/" + id.getIdPart() + "/_history/1");
		assertThat(copy.status()).isEqualTo(200);
		Path receiptFile = Files.writeString(folder.resolve("receipt.json"), receipt.body());
		Path resourceFile = Files.writeString(folder.resolve("patient.json"), copy.body());

		Run valid = verifyCli(resourceFile, receiptFile);
		assertThat(valid.exitCode()).as(valid.output()).isEqualTo(VerifyCommand.VALID);
		assertThat(valid.output()).startsWith("VALID: Patient/" + id.getIdPart() + "/_history/1");

		Path modified = Files.writeString(folder.resolve("modified.json"), copy.body().replace("Receipt", "Receipts"));
		Run invalid = verifyCli(modified, receiptFile);
		assertThat(invalid.exitCode()).isEqualTo(VerifyCommand.INVALID);
		assertThat(invalid.output()).contains("content hash");
	}

	@Test
	void statusShowsBacklogLastAnchorChainHeadAndLeaderToAuditorsOnly() {
		IdType id = createPatient("Status");
		awaitResult(auditor(), "Patient/" + id.getIdPart() + "/_history/1/$verify", "valid");

		Parameters status = parameters(auditor().get("$notary-status"));
		assertThat(status.getParameter("backlog").getValue().primitiveValue()).matches("\\d+");
		assertThat(status.getParameter("chainHead").getValue().primitiveValue()).matches("[1-9]\\d*");
		assertThat(status.getParameter("chainReachable").getValue().primitiveValue()).isEqualTo("true");
		assertThat(status.getParameter("anchoring").getValue().primitiveValue()).isEqualTo("true");
		assertThat(string(status, "leader")).isNotBlank();
		assertThat(string(status, "contract")).matches("0x[0-9a-f]{40}");
		Parameters.ParametersParameterComponent last = status.getParameter("lastAnchor");
		assertThat(last).isNotNull();
		assertThat(last.getPart().stream().map(Parameters.ParametersParameterComponent::getName).collect(Collectors.toSet()))
				.contains("root", "leafCount", "transactionHash", "blockNumber", "state");

		assertThat(pharmacy().get("$notary-status").status()).isEqualTo(403);
		assertThat(patientApp("anyone").get("$notary-status").status()).isEqualTo(403);
	}

	@Test
	void auditorsGetVerificationButNoContentPharmaciesGetNeitherAndPatientsOnlyTheirOwn() {
		IdType id = createPatient("Access");
		IdType other = createPatient("Other");
		String verify = "Patient/" + id.getIdPart() + "/$verify";

		RawHttp.Response asAuditor = auditor().get(verify);
		assertThat(asAuditor.status()).isEqualTo(200);
		assertThat(asAuditor.body()).doesNotContain("Access");
		// the auditor sees no clinical content: reading the resource itself answers as unknown
		assertThat(auditor().get("Patient/" + id.getIdPart()).status()).isEqualTo(404);

		RawHttp.Response asPharmacy = pharmacy().get(verify);
		assertThat(asPharmacy.status()).isEqualTo(403);
		assertThat(asPharmacy.body()).contains("OperationOutcome");
		assertThat(pharmacy().get("Patient/" + id.getIdPart() + "/_history/1/$notary-receipt").status()).isEqualTo(403);

		assertThat(patientApp(id.getIdPart()).get(verify).status()).isEqualTo(200);
		RawHttp.Response someoneElses = patientApp(other.getIdPart()).get(verify);
		assertThat(someoneElses.status()).isEqualTo(404);
		assertThat(someoneElses.body()).isEqualTo(patientApp(other.getIdPart()).get("Patient/no-such-" + id.getIdPart() + "/$verify").body()
				.replace("no-such-" + id.getIdPart(), id.getIdPart()));
	}

	@Test
	void misuseAnswersWithA4xxOperationOutcome() {
		RawHttp.Response unknown = auditor().get("Patient/never-stored-x1/$verify");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("OperationOutcome");

		IdType id = createPatient("NoSuchVersion");
		RawHttp.Response receipt = auditor().get("Patient/" + id.getIdPart() + "/_history/7/$notary-receipt");
		assertThat(receipt.status()).isEqualTo(404);
		assertThat(receipt.body()).contains("OperationOutcome");
	}

	@Test
	void aDeletedVersionIsNotarisedAndVerifiesToo() {
		IdType id = createPatient("Deleted");
		client.delete().resourceById(id).execute();
		Parameters deletion = awaitResult(auditor(), "Patient/" + id.getIdPart() + "/_history/2/$verify", "valid");
		assertThat(code(deletion, "operation")).isEqualTo("delete");
	}

	private IdType createPatient(String family) {
		Patient patient = NotaryCaptureIntegrationTests.patient(family);
		patient.setManagingOrganization(new Reference((String) null));
		return (IdType) client.create().resource(patient).execute().getId().toUnqualifiedVersionless();
	}

	/** Waits until the version's batch is mined, then asks {@code path} once. */
	private Parameters awaitResult(RawHttp as, String path, String expected) {
		String[] parts = path.split("/");
		String version = parts.length > 3 && "_history".equals(parts[2]) ? parts[3] : "1";
		NotaryTestSupport.awaitAnchored(jdbc, parts[0], parts[1], version);
		RawHttp.Response response = as.get(path);
		Parameters answer = parameters(response);
		assertThat(code(answer, "result")).as(response.body()).isEqualTo(expected);
		return answer;
	}

	private static Parameters parameters(RawHttp.Response response) {
		return NotaryTestSupport.parameters(response);
	}

	private static String code(Parameters parameters, String name) {
		return NotaryTestSupport.value(parameters, name);
	}

	private static String string(Parameters parameters, String name) {
		return NotaryTestSupport.value(parameters, name);
	}

	private record Run(int exitCode, String output) {
	}

	private static Run verifyCli(Path resource, Path receipt) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = VerifyCommand.run(new String[] {"--resource", resource.toString(), "--receipt", receipt.toString(), "--rpc",
				AnvilTestChain.shared().rpcUrl()}, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
	}
}
