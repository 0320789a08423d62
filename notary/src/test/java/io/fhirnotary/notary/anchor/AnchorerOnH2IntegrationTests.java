package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.support.AnvilNode;
import io.fhirnotary.notary.support.PostgresTestDatabase;
import java.time.Clock;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The migration and the anchorer's SQL are portable: the quick start runs on embedded H2. */
class AnchorerOnH2IntegrationTests {

	@Test
	void migrationRunsAndVersionsAreAnchoredOnH2() throws Exception {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:notary-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		PostgresTestDatabase.migrate(dataSource);
		AnvilNode anvil = AnvilNode.shared();
		try (EthereumRpc rpc = anvil.rpc()) {
			NotaryContractClient chain = NotaryContractClient.connect(rpc, NotaryChainSettings.forDevChain(anvil.rpcUrl(),
					AnvilNode.CHAIN_ID, null, AnchorerIntegrationTests.ANCHORER_KEY));
			AnchorerFixture fixture = new AnchorerFixture(dataSource, chain);
			Anchorer anchorer = new Anchorer(dataSource, chain,
					AnchorerFixture.settings(chain, anvil.rpcUrl(), AnchorerIntegrationTests.ANCHORER_KEY, 2, 1),
					new LeaderLease(dataSource, "node-h2", 5_000), Clock.systemUTC(), chain::broadcast);
			fixture.write(5);
			// three batches of at most two; each tick submits one and sees earlier ones mined. Anvil
			// mines on receipt, but the receipt of the last may show only after a later tick.
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
				anchorer.tick();
				assertThat(fixture.countByState()).isEqualTo(Map.of("FINAL", 5L));
			});
			assertThat(fixture.batches()).extracting(AnchorBatch::leafCount).containsExactly(2, 2, 1);
			fixture.assertEveryVersionAnchoredExactlyOnce(5);
		}
	}
}
