package io.fhirnotary.notary.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MerkleTreeTests {

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * The eight leaves and tree heads published with Certificate Transparency's reference
	 * implementation (certificate-transparency merkle_tree_test, reused by transparency-dev/merkle),
	 * recomputed here with python3 hashlib before they were written down.
	 */
	private static final List<byte[]> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
			"5051525354555657", "606162636465666768696a6b6c6d6e6f").stream().map(HEX::parseHex).toList();
	private static final List<String> CT_ROOTS = List.of(
			"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
			"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
			"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
			"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
			"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
			"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
			"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
			"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

	@Test
	void emptyTreeHasTheHashOfZeroBytes() {
		assertThat(HEX.formatHex(MerkleTree.ofLeafHashes(List.of()).root()))
				.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void rootsMatchThePublishedCertificateTransparencyVectors() {
		for (int n = 1; n <= CT_LEAVES.size(); n++) {
			assertThat(HEX.formatHex(MerkleTree.ofLeaves(CT_LEAVES.subList(0, n)).root())).as("root of %d leaves", n)
					.isEqualTo(CT_ROOTS.get(n - 1));
		}
	}

	@Test
	void rootsAndProofsMatchTheRecursiveDefinitionOfRfc9162ForOneToEightLeaves() {
		for (int n = 1; n <= 8; n++) {
			List<byte[]> leaves = CT_LEAVES.subList(0, n);
			MerkleTree tree = MerkleTree.ofLeaves(leaves);
			assertThat(tree.root()).as("root of %d", n).isEqualTo(RecursiveRfc9162.mth(leaves));
			for (int m = 0; m < n; m++) {
				assertThat(hex(tree.inclusionProof(m).auditPath())).as("PATH(%d, D[%d])", m, n)
						.isEqualTo(hex(RecursiveRfc9162.path(m, leaves)));
			}
		}
	}

	@Test
	void proofMatchesTheRecursiveDefinitionInLargeUnbalancedTrees() {
		List<byte[]> leaves = randomLeaves(new Random(7), 1000);
		MerkleTree tree = MerkleTree.ofLeaves(leaves);
		assertThat(tree.root()).isEqualTo(RecursiveRfc9162.mth(leaves));
		for (int m : new int[] {0, 1, 511, 512, 767, 998, 999}) {
			assertThat(hex(tree.inclusionProof(m).auditPath())).as("PATH(%d)", m)
					.isEqualTo(hex(RecursiveRfc9162.path(m, leaves)));
		}
	}

	@Test
	void everyProofOfAHundredLeafTreeVerifiesAndFailsWithAnyBitFlipped() {
		MerkleTree tree = MerkleTree.ofLeaves(randomLeaves(new Random(100), 100));
		for (int m = 0; m < 100; m++) {
			assertVerifiesAndEveryBitFlipFails(tree, m);
		}
	}

	@Test
	void propertyEveryProofInRandomTreesVerifiesAndEveryFlippedBitFails() {
		Random random = new Random(20261122);
		for (int round = 0; round < 60; round++) {
			int n = 1 + random.nextInt(round < 40 ? 70 : 3000);
			MerkleTree tree = MerkleTree.ofLeaves(randomLeaves(random, n));
			for (int m : IntStream.range(0, 6).map(i -> random.nextInt(n)).toArray()) {
				assertVerifiesAndEveryBitFlipFails(tree, m);
			}
			assertVerifiesAndEveryBitFlipFails(tree, n - 1);
		}
	}

	@Test
	void proofFailsForAnotherIndexOrTreeSize() {
		MerkleTree tree = MerkleTree.ofLeaves(randomLeaves(new Random(3), 13));
		InclusionProof proof = tree.inclusionProof(6);
		byte[] leaf = tree.leafHash(6);
		assertThat(verify(leaf, 5, 13, proof.auditPath(), tree.root()).valid()).isFalse();
		assertThat(verify(leaf, 6, 7, proof.auditPath(), tree.root()).valid()).isFalse();
		assertThat(verify(leaf, 6, 8, proof.auditPath(), tree.root()).valid()).isFalse();
		assertThat(verify(leaf, 13, 13, proof.auditPath(), tree.root()).reason()).contains("outside");
		List<byte[]> shorter = proof.auditPath().subList(0, proof.auditPath().size() - 1);
		assertThat(verify(leaf, 6, 13, shorter, tree.root()).reason()).contains("shorter");
		List<byte[]> longer = new ArrayList<>(proof.auditPath());
		longer.add(new byte[32]);
		assertThat(verify(leaf, 6, 13, longer, tree.root()).reason()).contains("longer");
	}

	/**
	 * Where the path has the same shape in a smaller or larger tree, the proof alone does not pin the
	 * tree size: that is why the contract records the leaf count with the root and verifiers compare
	 * the receipt's tree size with it.
	 */
	@Test
	void proofAloneDoesNotBindTheTreeSizeWhereThePathHasTheSameShape() {
		MerkleTree tree = MerkleTree.ofLeaves(randomLeaves(new Random(3), 13));
		InclusionProof proof = tree.inclusionProof(6);
		assertThat(verify(tree.leafHash(6), 6, 12, proof.auditPath(), tree.root()).valid()).isTrue();
		assertThat(verify(tree.leafHash(6), 6, 16, proof.auditPath(), tree.root()).valid()).isTrue();
	}

	@Test
	void singleLeafTreeHasAnEmptyProofWhoseRootIsTheLeafHash() {
		MerkleTree tree = MerkleTree.ofLeaves(List.of(new byte[] {42}));
		assertThat(tree.inclusionProof(0).auditPath()).isEmpty();
		assertThat(tree.root()).isEqualTo(MerkleHashes.leafHash(new byte[] {42}));
		assertThat(verify(tree.leafHash(0), 0, 1, List.of(), tree.root()).valid()).isTrue();
	}

	@Test
	void refusesLeafHashesOfTheWrongLengthAndIndexesOutsideTheTree() {
		assertThatThrownBy(() -> MerkleTree.ofLeafHashes(List.of(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
		MerkleTree tree = MerkleTree.ofLeaves(randomLeaves(new Random(1), 3));
		assertThatThrownBy(() -> tree.inclusionProof(3)).isInstanceOf(IndexOutOfBoundsException.class);
		assertThatThrownBy(() -> tree.inclusionProof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
	}

	private static void assertVerifiesAndEveryBitFlipFails(MerkleTree tree, int m) {
		InclusionProof proof = tree.inclusionProof(m);
		byte[] leaf = tree.leafHash(m);
		byte[] root = tree.root();
		assertThat(verify(leaf, m, tree.size(), proof.auditPath(), root).valid()).as("proof of %d in %d", m, tree.size())
				.isTrue();
		List<byte[]> path = proof.auditPath();
		for (int entry = 0; entry < path.size(); entry++) {
			for (int bit = 0; bit < 256; bit++) {
				List<byte[]> flipped = new ArrayList<>(path);
				flipped.set(entry, flip(path.get(entry), bit));
				assertThat(verify(leaf, m, tree.size(), flipped, root).valid())
						.as("leaf %d of %d, path entry %d bit %d", m, tree.size(), entry, bit).isFalse();
			}
		}
		for (int bit = 0; bit < 256; bit++) {
			assertThat(verify(flip(leaf, bit), m, tree.size(), path, root).valid()).isFalse();
			assertThat(verify(leaf, m, tree.size(), path, flip(root, bit)).valid()).isFalse();
		}
	}

	private static InclusionProofVerifier.Result verify(byte[] leaf, long index, long size, List<byte[]> path, byte[] root) {
		return InclusionProofVerifier.verify(leaf, index, size, path, root);
	}

	static byte[] flip(byte[] bytes, int bit) {
		byte[] copy = bytes.clone();
		copy[bit / 8] ^= (byte) (1 << (bit % 8));
		return copy;
	}

	private static List<byte[]> randomLeaves(Random random, int n) {
		List<byte[]> leaves = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			byte[] leaf = new byte[random.nextInt(40)];
			random.nextBytes(leaf);
			leaves.add(leaf);
		}
		return leaves;
	}

	private static List<String> hex(List<byte[]> hashes) {
		return hashes.stream().map(HEX::formatHex).toList();
	}

	/** RFC 9162 §2.1.1 and §2.1.3.1 written out literally, independent of the code under test. */
	static final class RecursiveRfc9162 {

		static byte[] mth(List<byte[]> d) {
			int n = d.size();
			if (n == 0) {
				return sha256(new byte[0]);
			}
			if (n == 1) {
				return sha256(concat(new byte[] {0}, d.get(0)));
			}
			int k = largestPowerOfTwoBelow(n);
			return sha256(concat(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, n))));
		}

		static List<byte[]> path(int m, List<byte[]> d) {
			int n = d.size();
			List<byte[]> result = new ArrayList<>();
			if (n == 1) {
				return result;
			}
			int k = largestPowerOfTwoBelow(n);
			if (m < k) {
				result.addAll(path(m, d.subList(0, k)));
				result.add(mth(d.subList(k, n)));
			} else {
				result.addAll(path(m - k, d.subList(k, n)));
				result.add(mth(d.subList(0, k)));
			}
			return result;
		}

		private static int largestPowerOfTwoBelow(int n) {
			int k = 1;
			while (k * 2 < n) {
				k *= 2;
			}
			return k;
		}

		private static byte[] concat(byte[]... parts) {
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			for (byte[] part : parts) {
				out.writeBytes(part);
			}
			return out.toByteArray();
		}

		private static byte[] sha256(byte[] input) {
			try {
				return MessageDigest.getInstance("SHA-256").digest(input);
			} catch (java.security.NoSuchAlgorithmException e) {
				throw new AssertionError(e);
			}
		}
	}
}
