package io.fhirnotary.server.notary;

import static io.fhirnotary.server.notary.NotaryTestSupport.awaitAnchored;
import static io.fhirnotary.server.notary.NotaryTestSupport.states;
import static io.fhirnotary.server.notary.NotaryTestSupport.value;
import static io.fhirnotary.server.notary.NotaryTestSupport.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.chain.AnchorRecord;
import io.fhirnotary.notary.chain.ContractReader;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.server.support.AnvilTestChain;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The fault and tamper cases of issue 5 through the whole server, on PostgreSQL and the tests' real
 * Anvil node: the chain stopped while writes go on, a history row deleted and two ciphertexts
 * swapped behind the server's back.
 */
class NotaryFaultIntegrationTests extends PostgresIntegrationTest {

	private RawHttp auditor() {
		return httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/*.rs")));
	}

	@Test
	void writesGoOnWhileTheChainIsDownAndEveryVersionIsAnchoredExactlyOnceWhenItIsBack() {
		AnvilTestChain chain = AnvilTestChain.shared();
		List<String> written = new ArrayList<>();
		chain.stop();
		try {
			for (int i = 0; i < 6; i++) {
				written.add(createPatient("ChainDown" + i));
			}
			for (String id : written) {
				assertThat(states(jdbc, "Patient", id, "1")).containsExactly("PENDING");
			}
		} finally {
			chain.restart();
		}

		for (String id : written) {
			awaitAnchored(jdbc, "Patient", id, "1");
		}
		try (EthereumRpc rpc = EthereumRpc.connect(chain.rpcUrl())) {
			for (String id : written) {
				// one outbox row per version (the unique constraint), in one batch that is mined, not requeued
				List<Map<String, Object>> rows = jdbc.queryForList("SELECT b.root, b.leaf_count, b.state, b.contract_address, "
						+ "(SELECT count(*) FROM fhirnotary_outbox o2 WHERE o2.batch_id = b.id) AS rows_in_batch "
						+ "FROM fhirnotary_outbox o JOIN fhirnotary_anchor_batch b ON b.id = o.batch_id "
						+ "WHERE o.resource_type = 'Patient' AND o.resource_id = ? AND o.version_id = '1'", id);
				assertThat(rows).hasSize(1);
				Map<String, Object> batch = rows.get(0);
				assertThat(batch.get("state")).isIn("CONFIRMED", "FINAL");
				assertThat(((Number) batch.get("rows_in_batch")).longValue()).isEqualTo(((Number) batch.get("leaf_count")).longValue());
				Optional<AnchorRecord> anchored = new ContractReader(rpc, batch.get("contract_address").toString())
						.readAnchor(HexFormat.of().parseHex(batch.get("root").toString().trim()));
				assertThat(anchored).as("root of %s on chain", id).isPresent();
				assertThat(anchored.get().leafCount()).isEqualTo(((Number) batch.get("leaf_count")).longValue());
				assertThat(value(verify(auditor(), "Patient", id, "1"), "result")).isEqualTo("valid");
			}
		}
		// no version went into two batches: every batch's rows add up to its leaf count, and no
		// batch was requeued while the chain was away
		assertThat(jdbc.queryForObject("SELECT count(*) FROM fhirnotary_anchor_batch WHERE state = 'REQUEUED'", Long.class)).isZero();
	}

	@Test
	void aHistoryRowDeletedInPostgresIsUnknownAndTheOtherVersionsStayValid() {
		String id = createPatient("HistoryGone");
		updatePatient(id, "HistoryGoneToo");
		awaitAnchored(jdbc, "Patient", id, "2");

		int deleted = jdbc.update("DELETE FROM hfj_res_ver WHERE res_ver = 1 "
				+ "AND res_id = (SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ?)", id);
		assertThat(deleted).isEqualTo(1);

		Parameters gone = verify(auditor(), "Patient", id, "1");
		assertThat(value(gone, "result")).isEqualTo("unknown");
		assertThat(value(gone, "reason")).contains("no longer stored");
		assertThat(value(verify(auditor(), "Patient", id, "2"), "result")).isEqualTo("valid");
	}

	@Test
	void twoCiphertextsSwappedInPostgresAreBothTamperedAndNothingElse() {
		String first = createPatient("SwapFirst");
		String second = createPatient("SwapSecond");
		String bystander = createPatient("SwapBystander");
		awaitAnchored(jdbc, "Patient", first, "1");
		awaitAnchored(jdbc, "Patient", second, "1");
		awaitAnchored(jdbc, "Patient", bystander, "1");

		byte[] firstBody = ciphertext(first);
		byte[] secondBody = ciphertext(second);
		setCiphertext(first, secondBody);
		setCiphertext(second, firstBody);
		try {
			assertThat(value(verify(auditor(), "Patient", first, "1"), "result")).isEqualTo("tampered");
			assertThat(value(verify(auditor(), "Patient", second, "1"), "result")).isEqualTo("tampered");
			assertThat(value(verify(auditor(), "Patient", bystander, "1"), "result")).isEqualTo("valid");
		} finally {
			// put them back: the database is shared with tests that read every recent version
			setCiphertext(first, firstBody);
			setCiphertext(second, secondBody);
		}
		assertThat(value(verify(auditor(), "Patient", first, "1"), "result")).isEqualTo("valid");
	}

	private byte[] ciphertext(String patientId) {
		return jdbc.queryForObject("SELECT ciphertext FROM fn_resource_body WHERE res_ver = 1 "
				+ "AND res_pid = (SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ?)", byte[].class, patientId);
	}

	private void setCiphertext(String patientId, byte[] ciphertext) {
		assertThat(jdbc.update("UPDATE fn_resource_body SET ciphertext = ? WHERE res_ver = 1 "
				+ "AND res_pid = (SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ?)", ciphertext, patientId))
				.isEqualTo(1);
	}

	private String createPatient(String family) {
		return client.create().resource(NotaryCaptureIntegrationTests.patient(family)).execute().getId().getIdPart();
	}

	private void updatePatient(String id, String family) {
		Patient stored = client.read().resource(Patient.class).withId(id).execute();
		stored.getNameFirstRep().setFamily(family);
		client.update().resource(stored).execute();
	}
}
