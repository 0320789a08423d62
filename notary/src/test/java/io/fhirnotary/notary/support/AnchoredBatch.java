package io.fhirnotary.notary.support;

import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.chain.SignedTransaction;
import io.fhirnotary.notary.chain.TransactionFees;
import io.fhirnotary.notary.chain.TransactionStatus;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.merkle.MerkleTree;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of resource versions anchored on the shared Anvil node, as the anchorer will do it: one
 * tree, one transaction, a receipt per version. For the verifier's tests.
 */
public final class AnchoredBatch {

	private static final SecureRandom RANDOM = new SecureRandom();

	public final List<String> resources = new ArrayList<>();
	public final List<NotaryReceipt> receipts = new ArrayList<>();
	public final NotaryContractClient notary;
	public final TransactionStatus transaction;

	private AnchoredBatch(NotaryContractClient notary, List<String> resources, List<NotaryLeaf> leaves) {
		this.notary = notary;
		MerkleTree tree = MerkleTree.ofLeafHashes(leaves.stream().map(NotaryLeaf::leafHash).toList());
		SignedTransaction signed = notary.signAnchor(tree.root(), tree.size(), notary.nextNonce(),
				TransactionFees.current(notary.rpc()));
		notary.broadcast(signed);
		notary.awaitReceipt(signed.hash());
		this.transaction = notary.status(signed.hash()).orElseThrow();
		NotaryReceipt.ChainAnchor anchor = new NotaryReceipt.ChainAnchor(notary.chainId(), notary.contractAddress(),
				signed.hash(), transaction.blockNumber(), transaction.blockHash());
		for (int i = 0; i < leaves.size(); i++) {
			this.resources.add(resources.get(i));
			this.receipts.add(NotaryReceipt.of(leaves.get(i), tree.inclusionProof(i), tree.root(), anchor));
		}
	}

	/** A notary client on a freshly deployed contract of the shared Anvil node. */
	public static NotaryContractClient freshContract() {
		AnvilNode anvil = AnvilNode.shared();
		return NotaryContractClient.connect(anvil.rpc(),
				NotaryChainSettings.forDevChain(anvil.rpcUrl(), AnvilNode.CHAIN_ID, null, AnvilNode.OWNER_KEY));
	}

	/**
	 * Anchors the two MedicationRequest versions of the test vectors, their deletion (resource null)
	 * and {@code patients} generated Patients.
	 */
	public static AnchoredBatch anchor(NotaryContractClient notary, int patients) {
		List<String> resources = new ArrayList<>();
		List<NotaryLeaf> leaves = new ArrayList<>();
		String v1 = vector("medicationrequest-v1.json");
		String v2 = vector("medicationrequest-v2.json");
		String rxId = "rx-" + Long.toHexString(RANDOM.nextLong());
		v1 = v1.replace("\"rx-1\"", "\"" + rxId + "\"");
		v2 = v2.replace("\"rx-1\"", "\"" + rxId + "\"");
		add(resources, leaves, v1, NotaryLeaf.ofVersion(salt(), "MedicationRequest", rxId, "1", Operation.CREATE, v1));
		add(resources, leaves, v2, NotaryLeaf.ofVersion(salt(), "MedicationRequest", rxId, "2", Operation.UPDATE, v2));
		add(resources, leaves, null, NotaryLeaf.ofVersion(salt(), "MedicationRequest", rxId, "3", Operation.DELETE, null));
		for (int i = 0; i < patients; i++) {
			String id = "p-" + i + "-" + Long.toHexString(RANDOM.nextLong());
			String json = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"1\","
					+ "\"lastUpdated\":\"2026-11-22T06:00:00.000+00:00\"},\"active\":true,\"gender\":\""
					+ (i % 2 == 0 ? "female" : "male") + "\"}";
			add(resources, leaves, json, NotaryLeaf.ofVersion(salt(), "Patient", id, "1", Operation.CREATE, json));
		}
		return new AnchoredBatch(notary, resources, leaves);
	}

	private static void add(List<String> resources, List<NotaryLeaf> leaves, String json, NotaryLeaf leaf) {
		resources.add(json);
		leaves.add(leaf);
	}

	private static byte[] salt() {
		byte[] salt = new byte[NotaryLeaf.SALT_LENGTH];
		RANDOM.nextBytes(salt);
		return salt;
	}

	private static String vector(String name) {
		try (InputStream in = AnchoredBatch.class.getResourceAsStream("/vectors/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
