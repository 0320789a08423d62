package io.fhirnotary.notary.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.canonical.ContentHash;
import io.fhirnotary.notary.merkle.InclusionProofVerifier;
import io.fhirnotary.notary.merkle.MerkleTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test vectors printed in docs/NOTARY.md. Each value was produced by this code and recomputed
 * independently by {@code notary/scripts/check-vectors.py} (Python standard library only), which
 * also checks that the document still shows them.
 */
class NotaryVectorsTests {

	private static final HexFormat HEX = HexFormat.of();

	static final String CANONICAL_V1 = "{\"dosageInstruction\":[{\"doseAndRate\":[{\"doseQuantity\":{\"unit\":\"mg\",\"value\":2.5}}]}],"
			+ "\"id\":\"rx-1\",\"intent\":\"order\",\"meta\":{\"lastUpdated\":\"2026-11-22T06:00:00.000+00:00\",\"versionId\":\"1\"},"
			+ "\"resourceType\":\"MedicationRequest\",\"status\":\"active\",\"subject\":{\"reference\":\"Patient/p-1\"}}";

	static final NotaryLeaf CREATE = NotaryLeaf.ofVersion(salt(0x00), "MedicationRequest", "rx-1", "1", Operation.CREATE,
			resource("medicationrequest-v1.json"));
	static final NotaryLeaf UPDATE = NotaryLeaf.ofVersion(salt(0x20), "MedicationRequest", "rx-1", "2", Operation.UPDATE,
			resource("medicationrequest-v2.json"));
	static final NotaryLeaf DELETE = NotaryLeaf.ofVersion(salt(0x40), "MedicationRequest", "rx-1", "3", Operation.DELETE,
			null);

	@Test
	void canonicalFormSortsMembersDropsWhitespaceAndNormalisesTheDecimal() {
		assertThat(new String(ContentHash.canonicalize(resource("medicationrequest-v1.json")), StandardCharsets.UTF_8))
				.isEqualTo(CANONICAL_V1);
	}

	@Test
	void contentHashes() {
		assertThat(HEX.formatHex(CREATE.contentHash())).isEqualTo("744fe69fbd757c8b6e03f07709fc9f766b865db4ae323e713c3ea57e6f9e5b60");
		assertThat(HEX.formatHex(UPDATE.contentHash())).isEqualTo("5e147a40420e2196e2c3ccf11baca0cba83adf1fde9328f0f8ce44d2eba60030");
		assertThat(HEX.formatHex(DELETE.contentHash())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void leafEncodingsAndLeafHashes() {
		assertThat(HEX.formatHex(CREATE.encode())).isEqualTo("666869722d6e6f746172792f6c656166"
				+ "01" + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
				+ "00000011" + "4d656469636174696f6e52657175657374" + "00000004" + "72782d31" + "00000001" + "31" + "01"
				+ "744fe69fbd757c8b6e03f07709fc9f766b865db4ae323e713c3ea57e6f9e5b60");
		assertThat(HEX.formatHex(UPDATE.encode())).isEqualTo("666869722d6e6f746172792f6c656166"
				+ "01" + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
				+ "00000011" + "4d656469636174696f6e52657175657374" + "00000004" + "72782d31" + "00000001" + "32" + "02"
				+ "5e147a40420e2196e2c3ccf11baca0cba83adf1fde9328f0f8ce44d2eba60030");
		assertThat(HEX.formatHex(DELETE.encode())).isEqualTo("666869722d6e6f746172792f6c656166"
				+ "01" + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
				+ "00000011" + "4d656469636174696f6e52657175657374" + "00000004" + "72782d31" + "00000001" + "33" + "03"
				+ "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(HEX.formatHex(CREATE.leafHash())).isEqualTo("62626d6262e04bf4dd0eca6add4473c69da5852db60ca223864dee47aa7f1ea9");
		assertThat(HEX.formatHex(UPDATE.leafHash())).isEqualTo("302c404811409f1acbe8c402168a8fa5640882c7cad57c7703e6bf5efddc1b1a");
		assertThat(HEX.formatHex(DELETE.leafHash())).isEqualTo("677276b807d8461b60ac3fa8b8922ce10d3dbe37cfeb74e10fe3ce638b4cdce2");
	}

	@Test
	void treeOfTheThreeVersionsAndTheirAuditPaths() {
		MerkleTree tree = MerkleTree.ofLeaves(List.of(CREATE.encode(), UPDATE.encode(), DELETE.encode()));
		assertThat(HEX.formatHex(tree.root())).isEqualTo("be89d1b2cbef4982de6da87adf9eb5fe02a1f93d9c98afab61538080581c1eb9");
		assertThat(hex(tree.inclusionProof(0).auditPath())).containsExactly(
				"302c404811409f1acbe8c402168a8fa5640882c7cad57c7703e6bf5efddc1b1a",
				"677276b807d8461b60ac3fa8b8922ce10d3dbe37cfeb74e10fe3ce638b4cdce2");
		assertThat(hex(tree.inclusionProof(1).auditPath())).containsExactly(
				"62626d6262e04bf4dd0eca6add4473c69da5852db60ca223864dee47aa7f1ea9",
				"677276b807d8461b60ac3fa8b8922ce10d3dbe37cfeb74e10fe3ce638b4cdce2");
		assertThat(hex(tree.inclusionProof(2).auditPath())).containsExactly(
				"832ef0105d1c1a37cf209d8577bf357bf8f5cde3b3027bd7b85e9c258cc59ca2");
		for (int i = 0; i < 3; i++) {
			assertThat(InclusionProofVerifier.verify(tree.leafHash(i), i, 3, tree.inclusionProof(i).auditPath(), tree.root())
					.valid()).isTrue();
		}
	}

	static byte[] salt(int first) {
		byte[] salt = new byte[32];
		for (int i = 0; i < salt.length; i++) {
			salt[i] = (byte) (first + i);
		}
		return salt;
	}

	static String resource(String name) {
		try (InputStream in = NotaryVectorsTests.class.getResourceAsStream("/vectors/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static List<String> hex(List<byte[]> hashes) {
		return hashes.stream().map(HEX::formatHex).toList();
	}
}
