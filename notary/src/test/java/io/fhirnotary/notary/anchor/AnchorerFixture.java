package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.chain.AnchorRecord;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.merkle.InclusionProofVerifier;
import io.fhirnotary.notary.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/** Writes outbox rows and inspects what the anchorer made of them, on a real database and chain. */
final class AnchorerFixture {

	private static final HexFormat HEX = HexFormat.of();

	final DataSource dataSource;
	final NotaryContractClient chain;

	AnchorerFixture(DataSource dataSource, NotaryContractClient chain) {
		this.dataSource = dataSource;
		this.chain = chain;
	}

	static NotaryChainSettings settings(NotaryContractClient chain, String rpcUrl, String key, int batchSize, int confirmations) {
		return new NotaryChainSettings(rpcUrl, chain.chainId(), chain.contractAddress(), false, null, null, key, batchSize,
				Duration.ofMillis(1), confirmations);
	}

	void clear() throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM fhirnotary_outbox");
			statement.executeUpdate("DELETE FROM fhirnotary_anchor_batch");
			statement.executeUpdate("UPDATE fhirnotary_notary_leader SET holder = NULL, lease_until_ms = 0");
			statement.executeUpdate("DELETE FROM fhirnotary_notary_contract");
		}
	}

	/** Writes {@code count} versions, each in its own committed transaction, as the server will. */
	List<NotaryLeaf> write(int count) throws SQLException {
		List<NotaryLeaf> leaves = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			for (int i = 0; i < count; i++) {
				NotaryLeaf leaf = randomLeaf();
				OutboxWriter.append(connection, leaf, System.currentTimeMillis() - 1000);
				connection.commit();
				leaves.add(leaf);
			}
		}
		return leaves;
	}

	static NotaryLeaf randomLeaf() {
		byte[] salt = new byte[32];
		byte[] content = new byte[32];
		ThreadLocalRandom.current().nextBytes(salt);
		ThreadLocalRandom.current().nextBytes(content);
		return new NotaryLeaf(salt, "MedicationRequest", "rx-" + Long.toHexString(ThreadLocalRandom.current().nextLong()), "1",
				Operation.CREATE, content);
	}

	Map<String, Long> countByState() throws SQLException {
		Map<String, Long> counts = new HashMap<>();
		try (Connection connection = dataSource.getConnection();
				ResultSet rows = connection.createStatement().executeQuery("SELECT state, COUNT(*) FROM fhirnotary_outbox GROUP BY state")) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
		}
		return counts;
	}

	List<AnchorBatch> batches() throws SQLException {
		List<AnchorBatch> batches = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				ResultSet ids = connection.createStatement().executeQuery("SELECT id FROM fhirnotary_anchor_batch ORDER BY id")) {
			while (ids.next()) {
				batches.add(BatchRepository.find(connection, ids.getLong(1)));
			}
		}
		return batches;
	}

	/**
	 * Every outbox row is FINAL, in exactly one non-requeued batch, and its stored proof leads from
	 * its leaf hash to its batch's root, which the contract holds with the batch's leaf count.
	 */
	void assertEveryVersionAnchoredExactlyOnce(int expectedRows) throws SQLException {
		Map<Long, AnchorBatch> batches = new HashMap<>();
		batches().forEach(batch -> batches.put(batch.id(), batch));
		int rows = 0;
		Map<Long, Integer> leavesPerBatch = new HashMap<>();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"SELECT id, leaf_hash, state, batch_id, leaf_index, audit_path FROM fhirnotary_outbox ORDER BY id");
				ResultSet result = select.executeQuery()) {
			while (result.next()) {
				rows++;
				assertThat(result.getString(3)).as("row %d", result.getLong(1)).isEqualTo("FINAL");
				AnchorBatch batch = batches.get(result.getLong(4));
				assertThat(batch.state()).isEqualTo(BatchState.FINAL);
				leavesPerBatch.merge(batch.id(), 1, Integer::sum);
				InclusionProofVerifier.Result proof = InclusionProofVerifier.verify(HEX.parseHex(result.getString(2).trim()),
						result.getInt(5), batch.leafCount(), Anchorer.decodePath(result.getString(6)), HEX.parseHex(batch.root()));
				assertThat(proof.valid()).as(proof.reason()).isTrue();
			}
		}
		assertThat(rows).isEqualTo(expectedRows);
		for (AnchorBatch batch : batches.values()) {
			if (batch.state() == BatchState.REQUEUED) {
				continue;
			}
			assertThat(leavesPerBatch.get(batch.id())).as("rows of batch %d", batch.id()).isEqualTo(batch.leafCount());
			AnchorRecord anchor = chain.readAnchor(HEX.parseHex(batch.root())).orElseThrow();
			assertThat(anchor.leafCount()).isEqualTo(batch.leafCount());
			assertThat(chain.status(batch.transactionHash()).orElseThrow().anchored()).as("Anchored events of batch %d", batch.id())
					.hasSize(1);
		}
	}
}
