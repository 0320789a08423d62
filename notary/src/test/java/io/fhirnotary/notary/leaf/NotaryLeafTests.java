package io.fhirnotary.notary.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NotaryLeafTests {

	private static final byte[] SALT = NotaryVectorsTests.salt(7);
	private static final byte[] CONTENT = new byte[32];

	@Test
	void lengthPrefixesKeepFieldBoundariesApart() {
		byte[] typeAb = new NotaryLeaf(SALT, "ab", "c", "1", Operation.CREATE, CONTENT).encode();
		byte[] typeA = new NotaryLeaf(SALT, "a", "bc", "1", Operation.CREATE, CONTENT).encode();
		byte[] idWithVersion = new NotaryLeaf(SALT, "a", "b1", "2", Operation.CREATE, CONTENT).encode();
		byte[] idThenVersion = new NotaryLeaf(SALT, "a", "b", "12", Operation.CREATE, CONTENT).encode();
		assertThat(typeAb).isNotEqualTo(typeA);
		assertThat(idWithVersion).isNotEqualTo(idThenVersion);
	}

	@Test
	void everyFieldChangesTheLeafHash() {
		NotaryLeaf base = new NotaryLeaf(SALT, "Patient", "p", "1", Operation.CREATE, CONTENT);
		byte[] otherContent = CONTENT.clone();
		otherContent[31] = 1;
		byte[] otherSalt = SALT.clone();
		otherSalt[0] ^= 1;
		for (NotaryLeaf changed : new NotaryLeaf[] {
				new NotaryLeaf(otherSalt, "Patient", "p", "1", Operation.CREATE, CONTENT),
				new NotaryLeaf(SALT, "Consent", "p", "1", Operation.CREATE, CONTENT),
				new NotaryLeaf(SALT, "Patient", "q", "1", Operation.CREATE, CONTENT),
				new NotaryLeaf(SALT, "Patient", "p", "2", Operation.CREATE, CONTENT),
				new NotaryLeaf(SALT, "Patient", "p", "1", Operation.UPDATE, CONTENT),
				new NotaryLeaf(SALT, "Patient", "p", "1", Operation.CREATE, otherContent) }) {
			assertThat(changed.leafHash()).as(changed.toString()).isNotEqualTo(base.leafHash());
		}
	}

	@Test
	void encodingHasTheDocumentedLength() {
		NotaryLeaf leaf = new NotaryLeaf(SALT, "Patient", "p-1", "12", Operation.UPDATE, CONTENT);
		assertThat(leaf.encode()).hasSize(16 + 1 + 32 + (4 + 7) + (4 + 3) + (4 + 2) + 1 + 32);
		assertThat(Arrays.copyOfRange(leaf.encode(), 0, 17)).isEqualTo("fhir-notary/leaf\u0001".getBytes());
	}

	@Test
	void leafIsUnchangedWhenTheCallerChangesItsArraysAfterwards() {
		byte[] salt = SALT.clone();
		NotaryLeaf leaf = new NotaryLeaf(salt, "Patient", "p", "1", Operation.CREATE, CONTENT);
		byte[] before = leaf.encode();
		salt[0] ^= 1;
		leaf.salt()[1] ^= 1;
		assertThat(leaf.encode()).isEqualTo(before);
	}

	@Test
	void refusesMalformedFields() {
		assertThatThrownBy(() -> new NotaryLeaf(new byte[31], "Patient", "p", "1", Operation.CREATE, CONTENT))
				.hasMessageContaining("salt");
		assertThatThrownBy(() -> new NotaryLeaf(SALT, "Patient", "p", "1", Operation.CREATE, new byte[33]))
				.hasMessageContaining("content hash");
		assertThatThrownBy(() -> new NotaryLeaf(SALT, "", "p", "1", Operation.CREATE, CONTENT)).hasMessageContaining("type");
		assertThatThrownBy(() -> NotaryLeaf.ofVersion(SALT, "Patient", "p", "2", Operation.DELETE, "{}"))
				.hasMessageContaining("delete");
	}

	@Test
	void saltStaysOutOfToString() {
		NotaryLeaf leaf = new NotaryLeaf(SALT, "Patient", "p", "1", Operation.CREATE, CONTENT);
		assertThat(leaf.toString()).contains("Patient/p/_history/1").doesNotContain(java.util.HexFormat.of().formatHex(SALT));
	}
}
