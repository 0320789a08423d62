package io.fhirnotary.notary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.notary.support.AnvilNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** The contract and its client on a real Anvil node. */
class NotaryContractIntegrationTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static EthereumRpc rpc;
	private static NotaryContractClient owner;
	private static NotaryContractClient notary;
	private static NotaryContractClient outsider;

	@BeforeAll
	static void deployAndAuthoriseANotary() {
		AnvilNode anvil = AnvilNode.shared();
		rpc = anvil.rpc();
		owner = NotaryContractClient.connect(rpc,
				NotaryChainSettings.forDevChain(anvil.rpcUrl(), AnvilNode.CHAIN_ID, null, AnvilNode.OWNER_KEY));
		String contract = owner.contractAddress();
		notary = new NotaryContractClient(rpc, AnvilNode.CHAIN_ID, SigningKeys.fromPrivateKey(AnvilNode.NOTARY_KEY), contract);
		outsider = new NotaryContractClient(rpc, AnvilNode.CHAIN_ID, SigningKeys.fromPrivateKey(AnvilNode.OUTSIDER_KEY), contract);
		assertThat(owner.addNotary(notary.signerAddress()).succeeded()).isTrue();
	}

	@AfterAll
	static void close() {
		rpc.close();
	}

	@Test
	void deployerOwnsTheContractAndIsItsFirstNotary() {
		assertThat(owner.owner()).isEqualToIgnoringCase(owner.signerAddress());
		assertThat(owner.isNotary(owner.signerAddress())).isTrue();
		assertThat(owner.isNotary(outsider.signerAddress())).isFalse();
	}

	@Test
	void authorisedNotaryAnchorsARootWithOneEventAndItReadsBack() {
		byte[] root = randomRoot();
		SignedTransaction signed = notary.signAnchor(root, 10_000, notary.nextNonce(), TransactionFees.current(rpc));
		assertThat(notary.broadcast(signed)).isEqualToIgnoringCase(signed.hash());
		notary.awaitReceipt(signed.hash());

		TransactionStatus status = notary.status(signed.hash()).orElseThrow();
		assertThat(status.succeeded()).isTrue();
		assertThat(status.canonical()).isTrue();
		assertThat(status.confirmations()).isEqualTo(1);
		assertThat(status.anchored()).singleElement().satisfies(event -> {
			assertThat(event.root()).isEqualTo(root);
			assertThat(event.leafCount()).isEqualTo(10_000);
			assertThat(event.notary()).isEqualToIgnoringCase(notary.signerAddress());
		});
		AnchorRecord anchor = outsider.readAnchor(root).orElseThrow();
		assertThat(anchor.leafCount()).isEqualTo(10_000);
		assertThat(anchor.timestamp()).isEqualTo(status.anchored().get(0).timestamp())
				.isBetween(System.currentTimeMillis() / 1000 - 120, System.currentTimeMillis() / 1000 + 120);
		System.out.printf("gas used by a first anchor: %s%n", status.gasUsed());
		assertThat(status.gasUsed()).isLessThan(BigInteger.valueOf(60_000));

		AnvilNode.shared().mine(4);
		assertThat(notary.status(signed.hash()).orElseThrow().confirmations()).isEqualTo(5);
	}

	@Test
	void reAnchoringAKnownRootChangesNothingAndEmitsNothing() {
		byte[] root = randomRoot();
		TransactionStatus first = anchorAndWait(notary, root, 7);
		AnchorRecord before = notary.readAnchor(root).orElseThrow();
		AnvilNode.shared().mine(1);

		TransactionStatus again = anchorAndWait(owner, root, 7);
		assertThat(again.succeeded()).isTrue();
		assertThat(again.anchored()).isEmpty();
		assertThat(again.gasUsed()).isLessThan(first.gasUsed());
		assertThat(notary.readAnchor(root)).contains(before);
	}

	@Test
	void reAnchoringAKnownRootWithAnotherLeafCountIsRefused() {
		byte[] root = randomRoot();
		anchorAndWait(notary, root, 7);
		assertThat(notary.simulateAnchor(root, 8)).contains("LeafCountMismatch");
		assertThat(anchorAndWait(notary, root, 8).succeeded()).isFalse();
		assertThat(notary.readAnchor(root).orElseThrow().leafCount()).isEqualTo(7);
	}

	@Test
	void unauthorisedAnchorReverts() {
		byte[] root = randomRoot();
		assertThat(outsider.simulateAnchor(root, 1)).contains("NotNotary");
		TransactionStatus status = anchorAndWait(outsider, root, 1);
		assertThat(status.succeeded()).isFalse();
		assertThat(status.anchored()).isEmpty();
		assertThat(outsider.readAnchor(root)).isEmpty();
	}

	@Test
	void emptyTreeIsRefused() {
		assertThat(notary.simulateAnchor(randomRoot(), 0)).contains("EmptyTree");
	}

	@Test
	void onlyTheOwnerAddsAndRemovesNotaries() {
		Credentials newcomer = randomCredentials();
		assertThat(notary.addNotary(newcomer.getAddress()).succeeded()).isFalse();
		assertThat(owner.isNotary(newcomer.getAddress())).isFalse();

		assertThat(owner.addNotary(newcomer.getAddress()).succeeded()).isTrue();
		assertThat(owner.isNotary(newcomer.getAddress())).isTrue();

		assertThat(outsider.removeNotary(newcomer.getAddress()).succeeded()).isFalse();
		assertThat(owner.isNotary(newcomer.getAddress())).isTrue();

		assertThat(owner.removeNotary(newcomer.getAddress()).succeeded()).isTrue();
		assertThat(owner.isNotary(newcomer.getAddress())).isFalse();
	}

	@Test
	void aRemovedNotaryCanNoLongerAnchor() {
		Credentials temporary = randomCredentials();
		owner.addNotary(temporary.getAddress());
		NotaryContractClient client = new NotaryContractClient(rpc, AnvilNode.CHAIN_ID, temporary, owner.contractAddress());
		assertThat(client.simulateAnchor(randomRoot(), 1)).isEmpty();
		owner.removeNotary(temporary.getAddress());
		assertThat(client.simulateAnchor(randomRoot(), 1)).contains("NotNotary");
	}

	@Test
	void signingNeedsNoNetworkAndTheSameTransactionMayBeBroadcastTwice() {
		byte[] root = randomRoot();
		BigInteger nonce = notary.nextNonce();
		TransactionFees fees = TransactionFees.current(rpc);
		SignedTransaction signed = notary.signAnchor(root, 3, nonce, fees);
		assertThat(notary.signAnchor(root, 3, nonce, fees)).isEqualTo(signed);
		notary.broadcast(signed);
		notary.awaitReceipt(signed.hash());
		// after mining, the node refuses the same bytes (nonce already used): the caller checks the receipt
		assertThatThrownBy(() -> notary.broadcast(signed)).isInstanceOf(ChainException.class)
				.satisfies(e -> assertThat(((ChainException) e).unreachable()).isFalse());
		assertThat(notary.status(signed.hash()).orElseThrow().succeeded()).isTrue();
		assertThat(notary.nextNonce()).isEqualTo(nonce.add(BigInteger.ONE));
	}

	@Test
	void connectRefusesAWrongChainIdAndAMissingContract() {
		AnvilNode anvil = AnvilNode.shared();
		assertThatThrownBy(() -> NotaryContractClient.connect(rpc,
				NotaryChainSettings.forDevChain(anvil.rpcUrl(), 1, null, AnvilNode.OWNER_KEY)))
				.hasMessageContaining("chain 31337");
		NotaryChainSettings noDeploy = new NotaryChainSettings(anvil.rpcUrl(), AnvilNode.CHAIN_ID,
				"0x00000000000000000000000000000000000000bb", false, null, null, AnvilNode.OWNER_KEY, 100,
				java.time.Duration.ofSeconds(1), 1);
		assertThatThrownBy(() -> NotaryContractClient.connect(rpc, noDeploy)).hasMessageContaining("no contract code");
		NotaryContractClient existing = NotaryContractClient.connect(rpc, noDeploy.withContractAddress(owner.contractAddress()));
		assertThat(existing.contractAddress()).isEqualTo(owner.contractAddress());
	}

	@Test
	void unreachableNodeIsReportedAsSuch() {
		try (EthereumRpc down = EthereumRpc.connect("http://127.0.0.1:1")) {
			assertThatThrownBy(down::blockNumber).isInstanceOf(ChainException.class)
					.satisfies(e -> assertThat(((ChainException) e).unreachable()).isTrue());
		}
	}

	static TransactionStatus anchorAndWait(NotaryContractClient client, byte[] root, long leafCount) {
		SignedTransaction signed = client.signAnchor(root, leafCount, client.nextNonce(), TransactionFees.current(rpc));
		client.broadcast(signed);
		client.awaitReceipt(signed.hash());
		return client.status(signed.hash()).orElseThrow();
	}

	static Credentials randomCredentials() {
		return Credentials.create(java.util.HexFormat.of().formatHex(randomRoot()));
	}

	static byte[] randomRoot() {
		byte[] root = new byte[32];
		RANDOM.nextBytes(root);
		return root;
	}
}
