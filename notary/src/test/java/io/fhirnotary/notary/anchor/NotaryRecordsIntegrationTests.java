package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.outbox.OutboxWriter;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import io.fhirnotary.notary.receipt.ReceiptJson;
import io.fhirnotary.notary.support.AnvilNode;
import io.fhirnotary.notary.support.PostgresTestDatabase;
import io.fhirnotary.notary.verify.AnchorCheck;
import io.fhirnotary.notary.verify.ProofCheck;
import io.fhirnotary.notary.verify.Reverifier;
import io.fhirnotary.notary.verify.VersionVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** From the outbox to a receipt the standalone verifier accepts, and $verify's four answers. */
class NotaryRecordsIntegrationTests {

	private static DataSource dataSource;
	private static EthereumRpc rpc;
	private static NotaryContractClient chain;
	private static final List<String> JSON = new ArrayList<>();
	private static final List<NotaryLeaf> LEAVES = new ArrayList<>();

	@BeforeAll
	static void anchorThreeVersions() throws SQLException {
		dataSource = PostgresTestDatabase.shared().dataSource();
		AnvilNode anvil = AnvilNode.shared();
		rpc = anvil.rpc();
		chain = NotaryContractClient.connect(rpc, NotaryChainSettings.forDevChain(anvil.rpcUrl(), AnvilNode.CHAIN_ID, null,
				AnchorerIntegrationTests.ANCHORER_KEY));
		new AnchorerFixture(dataSource, chain).clear();
		try (Connection connection = dataSource.getConnection()) {
			for (int i = 0; i < 3; i++) {
				String id = "rx-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
				String json = "{\"resourceType\":\"MedicationRequest\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"1\"},"
						+ "\"status\":\"active\",\"intent\":\"order\",\"dosageInstruction\":[{\"text\":\"" + i + " tablets\"}]}";
				NotaryLeaf leaf = NotaryLeaf.ofVersion(salt(), "MedicationRequest", id, "1", Operation.CREATE, json);
				OutboxWriter.append(connection, leaf, System.currentTimeMillis() - 1000);
				JSON.add(json);
				LEAVES.add(leaf);
			}
		}
		Anchorer anchorer = new Anchorer(dataSource, chain,
				AnchorerFixture.settings(chain, anvil.rpcUrl(), AnchorerIntegrationTests.ANCHORER_KEY, 100, 1),
				new LeaderLease(dataSource, "node-records", 60_000), Clock.systemUTC(), chain::broadcast);
		anchorer.tick();
		anchorer.tick();
	}

	@AfterAll
	static void close() {
		rpc.close();
	}

	@Test
	void aReceiptFromTheDatabasePassesTheStandaloneChecks() throws SQLException {
		AnchoredProof proof = find(LEAVES.get(1)).orElseThrow();
		assertThat(proof.state()).isEqualTo("FINAL");
		NotaryReceipt receipt = ReceiptJson.read(ReceiptJson.write(proof.receipt(LEAVES.get(1))));
		assertThat(ProofCheck.check(JSON.get(1), receipt).valid()).isTrue();
		assertThat(AnchorCheck.check(rpc, receipt).valid()).isTrue();
		assertThat(ProofCheck.check(JSON.get(0), receipt).valid()).isFalse();
	}

	@Test
	void verifyAnswersValidForTheStoredVersionAndTamperedForAnyOther() throws SQLException {
		AnchoredProof proof = find(LEAVES.get(0)).orElseThrow();
		assertThat(VersionVerifier.verify(LEAVES.get(0), Optional.of(proof), rpc).result())
				.isEqualTo(VersionVerifier.Result.VALID);
		NotaryLeaf altered = NotaryLeaf.ofVersion(LEAVES.get(0).salt(), "MedicationRequest", LEAVES.get(0).logicalId(), "1",
				Operation.CREATE, JSON.get(0).replace("0 tablets", "9 tablets"));
		VersionVerifier.Verification tampered = VersionVerifier.verify(altered, Optional.of(proof), rpc);
		assertThat(tampered.result()).isEqualTo(VersionVerifier.Result.TAMPERED);
		assertThat(tampered.reason()).doesNotContain("tablets");
		assertThatThrownBy(() -> proof.receipt(altered)).hasMessageContaining("does not match");
	}

	@Test
	void aProofChangedInTheDatabaseIsTampered() throws SQLException {
		AnchoredProof proof = find(LEAVES.get(2)).orElseThrow();
		String path = Anchorer.encodePath(new io.fhirnotary.notary.merkle.InclusionProof(proof.leafIndex(), proof.treeSize(),
				proof.auditPath()));
		String flipped = (path.charAt(0) == '0' ? '1' : '0') + path.substring(1);
		AnchoredProof changed = new AnchoredProof(proof.resourceType(), proof.logicalId(), proof.versionId(), proof.operation(),
				proof.leafHash(), proof.state(), proof.batchState(), proof.leafIndex(), proof.treeSize(), Anchorer.decodePath(flipped),
				proof.root(), proof.anchor());
		assertThat(VersionVerifier.verify(LEAVES.get(2), Optional.of(changed), rpc).result())
				.isEqualTo(VersionVerifier.Result.TAMPERED);
	}

	@Test
	void unrecordedVersionsAreUnknownAndUnanchoredOnesPending() throws SQLException {
		NotaryLeaf never = AnchorerFixture.randomLeaf();
		assertThat(VersionVerifier.verify(never, find(never), rpc).result()).isEqualTo(VersionVerifier.Result.UNKNOWN);
		NotaryLeaf fresh = AnchorerFixture.randomLeaf();
		try (Connection connection = dataSource.getConnection()) {
			OutboxWriter.append(connection, fresh, System.currentTimeMillis());
		}
		try {
			assertThat(VersionVerifier.verify(fresh, find(fresh), rpc).result()).isEqualTo(VersionVerifier.Result.PENDING);
			try (Connection connection = dataSource.getConnection()) {
				NotaryStatus status = NotaryStatus.read(connection);
				assertThat(status.backlog()).isEqualTo(1);
				assertThat(status.versionsByState()).containsEntry("FINAL", 3L);
				assertThat(status.lastAnchor().leafCount()).isEqualTo(3);
				assertThat(status.leader()).isEqualTo("node-records");
			}
		} finally {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement delete = connection.prepareStatement("DELETE FROM fhirnotary_outbox WHERE resource_id = ?")) {
				delete.setString(1, fresh.logicalId());
				delete.executeUpdate();
			}
		}
	}

	@Test
	void reverificationFindsExactlyTheAlteredTheMissingAndTheErasedVersions() throws SQLException {
		java.util.Map<String, NotaryLeaf> stored = new java.util.HashMap<>();
		stored.put(LEAVES.get(0).logicalId(), LEAVES.get(0));
		// version 1 was changed in the database; version 2 was deleted from it
		stored.put(LEAVES.get(1).logicalId(), NotaryLeaf.ofVersion(LEAVES.get(1).salt(), "MedicationRequest",
				LEAVES.get(1).logicalId(), "1", Operation.CREATE, JSON.get(1).replace("active", "stopped")));
		Reverifier reverifier = new Reverifier(dataSource, rpc,
				(type, id, version) -> stored.containsKey(id) ? Reverifier.Stored.of(stored.get(id)) : Reverifier.Stored.missing());
		Reverifier.Pass pass = reverifier.run(0, 100);
		String reference = "MedicationRequest/%s/_history/1";
		assertThat(pass.tampered()).containsExactly(reference.formatted(LEAVES.get(1).logicalId()));
		assertThat(pass.missing()).containsExactly(reference.formatted(LEAVES.get(2).logicalId()));
		assertThat(pass.counts()).containsEntry(VersionVerifier.Result.VALID, 1).containsEntry(VersionVerifier.Result.TAMPERED, 1)
				.containsEntry(VersionVerifier.Result.UNKNOWN, 1);
		assertThat(pass.checked()).isEqualTo(3);
		assertThat(pass.erased()).isZero();

		// erased on purpose (crypto-shredded): counted, neither tampered nor missing
		Reverifier.Pass erasedPass = new Reverifier(dataSource, rpc, (type, id, version) -> Reverifier.Stored.erased()).run(0, 100);
		assertThat(erasedPass.erased()).isEqualTo(3);
		assertThat(erasedPass.tampered()).isEmpty();
		assertThat(erasedPass.missing()).isEmpty();
		assertThat(reverifier.run(pass.lastRowId(), 100).counts()).isEmpty();
	}

	private static Optional<AnchoredProof> find(NotaryLeaf leaf) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return AnchoredProofs.find(connection, leaf.resourceType(), leaf.logicalId(), leaf.versionId());
		}
	}

	private static byte[] salt() {
		byte[] salt = new byte[32];
		ThreadLocalRandom.current().nextBytes(salt);
		return salt;
	}
}
