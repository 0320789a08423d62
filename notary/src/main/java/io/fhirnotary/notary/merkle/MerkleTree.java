package io.fhirnotary.notary.merkle;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An RFC 9162 Merkle tree over a fixed list of leaf hashes (one anchoring batch): its root and the
 * inclusion proof of every leaf.
 *
 * <p>RFC 9162 §2.1.1 defines the root recursively, splitting {@code n} leaves at the largest power
 * of two {@code k < n}. Building the levels bottom-up, pairing neighbours and carrying an unpaired
 * last node up unchanged, gives the same tree; it lets one batch of 10,000 leaves be hashed once
 * (about 2n hashes) and every proof be read off the stored levels.
 *
 * <p>Pure: no I/O. Instances are immutable.
 */
public final class MerkleTree {

	/** levels.get(0) are the leaf hashes, the last level holds the root alone (absent when empty). */
	private final List<byte[][]> levels;

	private MerkleTree(List<byte[][]> levels) {
		this.levels = levels;
	}

	/**
	 * @param leafHashes the RFC 9162 leaf hashes ({@link MerkleHashes#leafHash}), in tree order
	 */
	public static MerkleTree ofLeafHashes(List<byte[]> leafHashes) {
		byte[][] level = new byte[leafHashes.size()][];
		for (int i = 0; i < level.length; i++) {
			byte[] hash = leafHashes.get(i);
			if (hash == null || hash.length != MerkleHashes.HASH_LENGTH) {
				throw new IllegalArgumentException("leaf hash " + i + " is not " + MerkleHashes.HASH_LENGTH + " bytes");
			}
			level[i] = hash.clone();
		}
		List<byte[][]> levels = new ArrayList<>();
		levels.add(level);
		while (level.length > 1) {
			byte[][] parent = new byte[(level.length + 1) / 2][];
			for (int i = 0; i < parent.length; i++) {
				int left = 2 * i;
				parent[i] = left + 1 < level.length ? MerkleHashes.nodeHash(level[left], level[left + 1]) : level[left];
			}
			levels.add(parent);
			level = parent;
		}
		return new MerkleTree(levels);
	}

	/** Convenience for tests and tools: hashes each leaf with {@link MerkleHashes#leafHash} first. */
	public static MerkleTree ofLeaves(List<byte[]> leaves) {
		return ofLeafHashes(leaves.stream().map(MerkleHashes::leafHash).toList());
	}

	public int size() {
		return levels.get(0).length;
	}

	/** The tree head, {@code MTH(D[n])}; for an empty tree the hash of zero bytes. */
	public byte[] root() {
		if (size() == 0) {
			return MerkleHashes.emptyTreeHash();
		}
		return levels.get(levels.size() - 1)[0].clone();
	}

	public byte[] leafHash(int index) {
		checkIndex(index);
		return levels.get(0)[index].clone();
	}

	/**
	 * The audit path {@code PATH(m, D[n])} of RFC 9162 §2.1.3.1: sibling hashes from the leaf's level
	 * up to just below the root.
	 */
	public InclusionProof inclusionProof(int index) {
		checkIndex(index);
		List<byte[]> path = new ArrayList<>();
		int position = index;
		for (int level = 0; level < levels.size() - 1; level++) {
			byte[][] nodes = levels.get(level);
			int sibling = position ^ 1;
			if (sibling < nodes.length) {
				path.add(nodes[sibling]);
			}
			// an unpaired last node is carried up unchanged and contributes no path entry
			position >>= 1;
		}
		return new InclusionProof(index, size(), path);
	}

	private void checkIndex(int index) {
		if (index < 0 || index >= size()) {
			throw new IndexOutOfBoundsException("leaf " + index + " of a tree of " + size());
		}
	}

	@Override
	public String toString() {
		return "MerkleTree[size=" + size() + ", root=" + HexFormat.of().formatHex(root()) + "]";
	}
}
