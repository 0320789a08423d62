package io.fhirnotary.notary.merkle;

import java.util.List;

/**
 * The proof that the leaf at {@code leafIndex} is in a tree of {@code treeSize} leaves: the audit
 * path of RFC 9162 §2.1.3.1, bottom-up. Verify it with {@link InclusionProofVerifier}.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> auditPath) {

	public InclusionProof {
		if (treeSize < 1 || leafIndex < 0 || leafIndex >= treeSize) {
			throw new IllegalArgumentException("leaf index " + leafIndex + " is outside a tree of " + treeSize);
		}
		auditPath = auditPath.stream().map(byte[]::clone).toList();
	}

	@Override
	public List<byte[]> auditPath() {
		return auditPath.stream().map(byte[]::clone).toList();
	}
}
