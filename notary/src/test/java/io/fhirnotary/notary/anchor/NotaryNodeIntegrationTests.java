package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.support.AnvilNode;
import io.fhirnotary.notary.support.PostgresTestDatabase;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A server node's notary: survives a chain that is down at start, deploys once for all nodes. */
class NotaryNodeIntegrationTests {

	@Test
	void nodesStartWithoutTheChainThenShareOneDeployedContractAndAnchor() throws Exception {
		DataSource dataSource = PostgresTestDatabase.shared().dataSource();
		AnvilNode anvil = AnvilNode.dedicated();
		anvil.stop();
		NotaryChainSettings settings = new NotaryChainSettings(anvil.rpcUrl(), AnvilNode.CHAIN_ID, null, true, null, null,
				AnchorerIntegrationTests.ANCHORER_KEY, 100, Duration.ofMillis(1), 1);
		try (NotaryNode a = new NotaryNode(dataSource, settings, "node-a");
				NotaryNode b = new NotaryNode(dataSource, settings, "node-b");
				EthereumRpc rpc = anvil.rpc()) {
			AnchorerFixture unconnected = new AnchorerFixture(dataSource, null);
			unconnected.clear();
			unconnected.write(4);
			assertThat(a.tick().chainProblem()).contains("not connected");
			assertThat(a.chain()).isEmpty();

			anvil.start();
			a.tick(); // connects, leads, deploys, anchors
			b.tick(); // connects to the contract node-a recorded; does not lead
			String contract = a.chain().orElseThrow().contractAddress();
			assertThat(b.chain().orElseThrow().contractAddress()).isEqualTo(contract);
			a.tick();
			NotaryContractClient chain = new NotaryContractClient(rpc, AnvilNode.CHAIN_ID,
					io.fhirnotary.notary.chain.SigningKeys.fromPrivateKey(AnchorerIntegrationTests.ANCHORER_KEY), contract);
			AnchorerFixture fixture = new AnchorerFixture(dataSource, chain);
			assertThat(fixture.countByState()).isEqualTo(Map.of("FINAL", 4L));
			fixture.assertEveryVersionAnchoredExactlyOnce(4);
			assertThat(chain.owner()).isEqualToIgnoringCase(chain.signerAddress());
		} finally {
			anvil.stop();
		}
	}
}
