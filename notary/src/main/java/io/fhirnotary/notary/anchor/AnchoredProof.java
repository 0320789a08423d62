package io.fhirnotary.notary.anchor;

import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.merkle.InclusionProof;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import java.security.MessageDigest;
import java.util.List;

/**
 * What the notary recorded for one resource version: its leaf hash, where it stands, and once
 * batched its proof and (once mined) where the root was anchored.
 *
 * @param state the outbox row's state: PENDING, SUBMITTED, CONFIRMED or FINAL
 * @param batchState the batch's state, null while PENDING
 * @param leafIndex, treeSize, auditPath, root null while PENDING
 * @param anchor null until the batch's transaction is mined
 */
public record AnchoredProof(String resourceType, String logicalId, String versionId, Operation operation, byte[] leafHash,
		String state, BatchState batchState, Long leafIndex, Long treeSize, List<byte[]> auditPath, byte[] root,
		NotaryReceipt.ChainAnchor anchor) {

	public boolean mined() {
		return anchor != null;
	}

	/**
	 * The auditor's receipt, given the leaf recomputed from the stored version and its salt.
	 *
	 * @throws IllegalStateException when the version is not anchored yet or the leaf is not the one recorded
	 */
	public NotaryReceipt receipt(NotaryLeaf leaf) {
		if (!mined()) {
			throw new IllegalStateException("not anchored yet (" + state + ")");
		}
		if (!MessageDigest.isEqual(leaf.leafHash(), leafHash)) {
			throw new IllegalStateException("the stored version does not match its notarised leaf");
		}
		return NotaryReceipt.of(leaf, new InclusionProof(leafIndex, treeSize, auditPath), root, anchor);
	}
}
