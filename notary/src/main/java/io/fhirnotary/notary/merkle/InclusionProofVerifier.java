package io.fhirnotary.notary.merkle;

import java.util.HexFormat;
import java.util.List;

/**
 * Checks an inclusion proof with the algorithm of RFC 9162 §2.1.3.2. Stateless and pure; reports
 * why a proof fails rather than only that it does.
 */
public final class InclusionProofVerifier {

	private InclusionProofVerifier() {
	}

	/** The outcome: {@code valid}, or the reason the proof does not lead to the expected root. */
	public record Result(boolean valid, String reason, byte[] calculatedRoot) {

		static Result ok(byte[] root) {
			return new Result(true, "valid", root);
		}

		static Result failed(String reason, byte[] calculatedRoot) {
			return new Result(false, reason, calculatedRoot);
		}
	}

	/**
	 * @param leafHash the RFC 9162 leaf hash, {@code SHA-256(0x00 || leaf)}
	 * @param leafIndex the leaf's position, 0-based
	 * @param treeSize the number of leaves in the tree
	 * @param auditPath the sibling hashes, bottom-up
	 * @param expectedRoot the root the proof must lead to
	 */
	public static Result verify(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> auditPath, byte[] expectedRoot) {
		if (leafHash.length != MerkleHashes.HASH_LENGTH || expectedRoot.length != MerkleHashes.HASH_LENGTH) {
			return Result.failed("leaf hash and root must be " + MerkleHashes.HASH_LENGTH + " bytes", null);
		}
		if (leafIndex < 0 || treeSize < 1 || leafIndex >= treeSize) {
			return Result.failed("leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves", null);
		}
		long fn = leafIndex;
		long sn = treeSize - 1;
		byte[] r = leafHash;
		for (byte[] p : auditPath) {
			if (p.length != MerkleHashes.HASH_LENGTH) {
				return Result.failed("audit path entry is not " + MerkleHashes.HASH_LENGTH + " bytes", null);
			}
			if (sn == 0) {
				return Result.failed("audit path is longer than a tree of " + treeSize + " leaves allows", null);
			}
			if ((fn & 1) == 1 || fn == sn) {
				r = MerkleHashes.nodeHash(p, r);
				if ((fn & 1) == 0) {
					// the right edge of an unbalanced tree: skip the levels where this node had no sibling
					while ((fn & 1) == 0 && fn != 0) {
						fn >>= 1;
						sn >>= 1;
					}
				}
			} else {
				r = MerkleHashes.nodeHash(r, p);
			}
			fn >>= 1;
			sn >>= 1;
		}
		if (sn != 0) {
			return Result.failed("audit path is shorter than a tree of " + treeSize + " leaves needs", r);
		}
		if (!java.security.MessageDigest.isEqual(r, expectedRoot)) {
			HexFormat hex = HexFormat.of();
			return Result.failed("audit path leads to root " + hex.formatHex(r) + ", expected " + hex.formatHex(expectedRoot), r);
		}
		return Result.ok(r);
	}
}
