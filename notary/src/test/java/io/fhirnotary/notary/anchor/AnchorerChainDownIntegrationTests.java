package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.support.AnvilNode;
import io.fhirnotary.notary.support.PostgresTestDatabase;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The chain goes away and comes back: writes go on, nothing is lost, nothing is anchored twice. */
class AnchorerChainDownIntegrationTests {

	@Test
	void versionsWrittenWhileTheChainIsDownAreAnchoredOnceWhenItReturns() throws Exception {
		DataSource dataSource = PostgresTestDatabase.shared().dataSource();
		AnvilNode anvil = AnvilNode.dedicated();
		try (EthereumRpc rpc = anvil.rpc()) {
			NotaryContractClient chain = NotaryContractClient.connect(rpc, NotaryChainSettings.forDevChain(anvil.rpcUrl(),
					AnvilNode.CHAIN_ID, null, AnchorerIntegrationTests.ANCHORER_KEY));
			AnchorerFixture fixture = new AnchorerFixture(dataSource, chain);
			fixture.clear();
			Anchorer anchorer = new Anchorer(dataSource, chain,
					AnchorerFixture.settings(chain, anvil.rpcUrl(), AnchorerIntegrationTests.ANCHORER_KEY, 100, 1),
					new LeaderLease(dataSource, "node-a", 5_000), Clock.systemUTC(), chain::broadcast);

			fixture.write(5);
			anchorer.tick();
			anchorer.tick();
			assertThat(fixture.countByState()).isEqualTo(Map.of("FINAL", 5L));

			anvil.stop();
			fixture.write(7); // writes do not need the chain
			Anchorer.TickResult down = anchorer.tick();
			assertThat(down.chainProblem()).contains("did not answer");
			assertThat(down.newBatchId()).isNull();
			assertThat(fixture.countByState()).isEqualTo(Map.of("FINAL", 5L, "PENDING", 7L));

			anvil.start(); // same port, state kept
			anchorer.tick();
			anchorer.tick();
			assertThat(fixture.countByState()).isEqualTo(Map.of("FINAL", 12L));
			fixture.assertEveryVersionAnchoredExactlyOnce(12);
		} finally {
			anvil.stop();
		}
	}
}
