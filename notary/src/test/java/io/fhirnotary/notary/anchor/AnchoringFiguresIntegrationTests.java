package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.support.AnvilNode;
import io.fhirnotary.notary.support.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The anchoring figures of issue 5, measured on real PostgreSQL and Anvil (automine: one block per
 * transaction) and printed; the assertions only check that everything was anchored and that a full
 * batch stays under the gas goal of 5 gas per version.
 */
class AnchoringFiguresIntegrationTests {

	private static DataSource dataSource;
	private static EthereumRpc rpc;
	private static NotaryContractClient chain;
	private static AnchorerFixture fixture;

	@BeforeAll
	static void setUp() {
		dataSource = PostgresTestDatabase.shared().dataSource();
		AnvilNode anvil = AnvilNode.shared();
		rpc = anvil.rpc();
		chain = NotaryContractClient.connect(rpc, NotaryChainSettings.forDevChain(anvil.rpcUrl(), AnvilNode.CHAIN_ID, null,
				AnchorerIntegrationTests.ANCHORER_KEY));
		fixture = new AnchorerFixture(dataSource, chain);
	}

	@AfterAll
	static void close() {
		rpc.close();
	}

	@BeforeEach
	void clear() throws SQLException {
		fixture.clear();
	}

	@Test
	void throughputAndGasAtBatchSizesOneHundredAndTenThousand() throws SQLException {
		measure(1, 20);
		measure(100, 2_000);
		double gasPerVersion = measure(10_000, 20_000);
		assertThat(gasPerVersion).isLessThan(5.0);
	}

	@Test
	void commitToConfirmedAtTheDefaultInterval() throws Exception {
		NotaryChainSettings settings = new NotaryChainSettings(AnvilNode.shared().rpcUrl(), chain.chainId(), chain.contractAddress(),
				false, null, null, AnchorerIntegrationTests.ANCHORER_KEY, NotaryChainSettings.DEFAULT_BATCH_SIZE,
				NotaryChainSettings.DEFAULT_BATCH_INTERVAL, 1);
		try (Anchorer anchorer = new Anchorer(dataSource, chain, settings, new LeaderLease(dataSource, "node-figures", 5_000))) {
			anchorer.start(Duration.ofMillis(250));
			long start = System.nanoTime();
			try (Connection connection = dataSource.getConnection()) {
				io.fhirnotary.notary.outbox.OutboxWriter.append(connection, AnchorerFixture.randomLeaf(), System.currentTimeMillis());
			}
			Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
					.until(() -> !fixture.countByState().containsKey("PENDING") && !fixture.countByState().containsKey("SUBMITTED"));
			System.out.printf("figures: commit to CONFIRMED/FINAL at batch-interval %s, tick 250 ms: %.1f s%n",
					NotaryChainSettings.DEFAULT_BATCH_INTERVAL, (System.nanoTime() - start) / 1e9);
		}
	}

	/** @return gas per anchored version */
	private double measure(int batchSize, int versions) throws SQLException {
		fixture.clear();
		insert(versions);
		Anchorer anchorer = new Anchorer(dataSource, chain,
				AnchorerFixture.settings(chain, AnvilNode.shared().rpcUrl(), AnchorerIntegrationTests.ANCHORER_KEY, batchSize, 1),
				new LeaderLease(dataSource, "node-figures", 60_000), Clock.systemUTC(), chain::broadcast);
		long start = System.nanoTime();
		while (!fixture.countByState().equals(Map.of("FINAL", (long) versions))) {
			anchorer.tick();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long gas = fixture.batches().stream().mapToLong(AnchorBatch::gasUsed).sum();
		double perVersion = (double) gas / versions;
		System.out.printf("figures: batch size %,d: %,d versions in %d batches, %.2f s = %,.0f versions/s anchored; "
				+ "%,d gas = %.2f gas per version%n", batchSize, versions, fixture.batches().size(), seconds, versions / seconds, gas,
				perVersion);
		return perVersion;
	}

	/** Bulk insert of committed versions (the capture path is measured elsewhere; here only anchoring counts). */
	private static void insert(int versions) throws SQLException {
		HexFormat hex = HexFormat.of();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO fhirnotary_outbox (resource_type, resource_id, "
						+ "version_id, operation, leaf_hash, captured_at_ms, state) VALUES (?, ?, '1', 'create', ?, ?, 'PENDING')")) {
			connection.setAutoCommit(false);
			for (int i = 0; i < versions; i++) {
				NotaryLeaf leaf = AnchorerFixture.randomLeaf();
				insert.setString(1, leaf.resourceType());
				insert.setString(2, leaf.logicalId());
				insert.setString(3, hex.formatHex(leaf.leafHash()));
				insert.setLong(4, System.currentTimeMillis() - 60_000);
				insert.addBatch();
				if (i % 1000 == 999) {
					insert.executeBatch();
				}
			}
			insert.executeBatch();
			connection.commit();
		}
	}
}
