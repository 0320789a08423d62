package io.fhirnotary.notary.receipt;

import io.fhirnotary.notary.canonical.ContentHash;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.merkle.InclusionProof;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to check, without the server, that one resource version is in a tree whose root
 * is anchored on chain. Serialised by {@link ReceiptJson}; docs/NOTARY.md §8 gives the JSON.
 *
 * @param resourceType the version's resource type
 * @param logicalId its logical id
 * @param versionId its version id
 * @param operation the write that produced it
 * @param canonicalization how the content hash was computed, {@value ContentHash#CANONICALIZATION}
 * @param leafFormat the leaf format version, {@value NotaryLeaf#FORMAT_VERSION}
 * @param salt the leaf's 32-byte salt
 * @param contentHash the content hash in the leaf
 * @param leaf the whole leaf encoding
 * @param leafIndex the leaf's position in its tree
 * @param treeSize the number of leaves in the tree
 * @param auditPath the inclusion proof, bottom-up
 * @param root the tree head anchored on chain
 * @param anchor where the root was anchored
 */
public record NotaryReceipt(String resourceType, String logicalId, String versionId, Operation operation,
		String canonicalization, int leafFormat, byte[] salt, byte[] contentHash, byte[] leaf, long leafIndex,
		long treeSize, List<byte[]> auditPath, byte[] root, ChainAnchor anchor) {

	/**
	 * @param chainId the EIP-155 chain id
	 * @param contract the FhirNotary contract address, 0x-hex
	 * @param transactionHash the anchoring transaction, 0x-hex
	 * @param blockNumber the block it was mined in
	 * @param blockHash that block's hash, 0x-hex
	 */
	public record ChainAnchor(long chainId, String contract, String transactionHash, long blockNumber, String blockHash) {
		public ChainAnchor {
			Objects.requireNonNull(contract, "contract");
			Objects.requireNonNull(transactionHash, "transactionHash");
			Objects.requireNonNull(blockHash, "blockHash");
		}
	}

	public NotaryReceipt {
		Objects.requireNonNull(resourceType, "resourceType");
		Objects.requireNonNull(logicalId, "id");
		Objects.requireNonNull(versionId, "versionId");
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(canonicalization, "canonicalization");
		Objects.requireNonNull(salt, "salt");
		Objects.requireNonNull(contentHash, "contentHash");
		Objects.requireNonNull(leaf, "leaf");
		Objects.requireNonNull(root, "root");
		Objects.requireNonNull(anchor, "anchor");
		auditPath = List.copyOf(auditPath);
	}

	/** A receipt for a leaf of an anchored tree. */
	public static NotaryReceipt of(NotaryLeaf leaf, InclusionProof proof, byte[] root, ChainAnchor anchor) {
		return new NotaryReceipt(leaf.resourceType(), leaf.logicalId(), leaf.versionId(), leaf.operation(),
				ContentHash.CANONICALIZATION, NotaryLeaf.FORMAT_VERSION, leaf.salt(), leaf.contentHash(), leaf.encode(),
				proof.leafIndex(), proof.treeSize(), proof.auditPath(), root, anchor);
	}

	/** {@code Type/id/_history/version}. */
	public String resourceReference() {
		return resourceType + "/" + logicalId + "/_history/" + versionId;
	}
}
