package io.fhirnotary.notary.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two hash functions of an RFC 6962 / RFC 9162 Merkle tree over SHA-256.
 *
 * <p>Leaves and interior nodes are hashed with different one-byte prefixes (RFC 9162 §2.1.1) so a
 * leaf can never be passed off as an interior node (second-preimage resistance):
 * <ul>
 * <li>leaf hash: {@code SHA-256(0x00 || leaf)}</li>
 * <li>node hash: {@code SHA-256(0x01 || left || right)}</li>
 * <li>the empty tree: {@code SHA-256()} (the hash of zero bytes)</li>
 * </ul>
 */
public final class MerkleHashes {

	/** Length in bytes of every hash in the tree. */
	public static final int HASH_LENGTH = 32;

	static final byte LEAF_PREFIX = 0x00;
	static final byte NODE_PREFIX = 0x01;

	private MerkleHashes() {
	}

	public static byte[] leafHash(byte[] leaf) {
		MessageDigest sha256 = sha256();
		sha256.update(LEAF_PREFIX);
		sha256.update(leaf);
		return sha256.digest();
	}

	public static byte[] nodeHash(byte[] left, byte[] right) {
		MessageDigest sha256 = sha256();
		sha256.update(NODE_PREFIX);
		sha256.update(left);
		sha256.update(right);
		return sha256.digest();
	}

	public static byte[] emptyTreeHash() {
		return sha256().digest();
	}

	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			// every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc)
			throw new AssertionError("SHA-256 is missing from this JVM", e);
		}
	}
}
