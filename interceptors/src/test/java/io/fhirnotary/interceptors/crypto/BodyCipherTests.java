package io.fhirnotary.interceptors.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyCipherTests {

	private static final byte[] BODY =
			"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Chalmers\"}]}".getBytes(StandardCharsets.UTF_8);
	private static final ResourceVersion PATIENT_V1 = new ResourceVersion("Patient", "p1", 1);

	private final DataKey key = DataKey.generate();

	@Test
	void decryptsWhatItEncryptedAndHidesThePlaintext() throws Exception {
		byte[] ciphertext = BodyCipher.encrypt(key, PATIENT_V1, BODY);

		assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("Chalmers");
		assertThat(BodyCipher.decrypt(key, PATIENT_V1, ciphertext)).isEqualTo(BODY);
	}

	@Test
	void encryptingTwiceGivesDifferentCiphertexts() {
		assertThat(BodyCipher.encrypt(key, PATIENT_V1, BODY)).isNotEqualTo(BodyCipher.encrypt(key, PATIENT_V1, BODY));
	}

	@Test
	void ciphertextNamesItsDataKey() throws Exception {
		assertThat(BodyCipher.dataKeyIdOf(BodyCipher.encrypt(key, PATIENT_V1, BODY))).isEqualTo(key.id());
	}

	@Test
	void everyFlippedByteFailsAuthentication() {
		byte[] ciphertext = BodyCipher.encrypt(key, PATIENT_V1, BODY);
		for (int i = 0; i < ciphertext.length; i++) {
			byte[] tampered = ciphertext.clone();
			tampered[i] ^= 0x01;
			int position = i;
			assertThatThrownBy(() -> BodyCipher.decrypt(key, PATIENT_V1, tampered))
					.as("byte %d flipped", position)
					.isInstanceOf(InvalidCiphertextException.class);
		}
	}

	@Test
	void ciphertextMovedToAnotherVersionIdOrTypeFails() {
		byte[] ciphertext = BodyCipher.encrypt(key, PATIENT_V1, BODY);

		for (ResourceVersion elsewhere : new ResourceVersion[] {
			new ResourceVersion("Patient", "p1", 2),
			new ResourceVersion("Patient", "p2", 1),
			new ResourceVersion("Observation", "p1", 1)
		}) {
			assertThatThrownBy(() -> BodyCipher.decrypt(key, elsewhere, ciphertext))
					.as(elsewhere.toString())
					.isInstanceOf(InvalidCiphertextException.class);
		}
	}

	@Test
	void ciphertextOfAnotherDataKeyIsRefusedByKeyId() {
		byte[] ciphertext = BodyCipher.encrypt(DataKey.generate(), PATIENT_V1, BODY);

		assertThatThrownBy(() -> BodyCipher.decrypt(key, PATIENT_V1, ciphertext))
				.isInstanceOf(InvalidCiphertextException.class)
				.hasMessageContaining("not " + key.id());
	}

	@Test
	void keyIdRewrittenInTheHeaderFailsAuthentication() throws Exception {
		// Same length key id, so the layout still parses: only the authenticated header catches it.
		DataKey other = new DataKey(key.id().substring(0, key.id().length() - 1) + "x", new byte[32]);
		byte[] ciphertext = BodyCipher.encrypt(other, PATIENT_V1, BODY);
		byte[] relabelled = ciphertext.clone();
		byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(id, 0, relabelled, 2, id.length);

		assertThat(BodyCipher.dataKeyIdOf(relabelled)).isEqualTo(key.id());
		assertThatThrownBy(() -> BodyCipher.decrypt(key, PATIENT_V1, relabelled))
				.isInstanceOf(InvalidCiphertextException.class);
	}

	@Test
	void malformedInputIsOneExceptionType() {
		for (byte[] garbage : new byte[][] {
			new byte[0], {0x01}, {0x02, 0x01, 'a'}, {0x01, 0x00}, {0x01, (byte) 200, 'a'}, {0x01, 0x02, 'a'},
			{0x01, 0x01, '!', 0, 0, 0}
		}) {
			assertThatThrownBy(() -> BodyCipher.decrypt(key, PATIENT_V1, garbage)).isInstanceOf(InvalidCiphertextException.class);
		}
		byte[] truncated = java.util.Arrays.copyOf(BodyCipher.encrypt(key, PATIENT_V1, BODY), 2 + key.id().length() + 20);
		assertThatThrownBy(() -> BodyCipher.decrypt(key, PATIENT_V1, truncated)).isInstanceOf(InvalidCiphertextException.class);
	}
}
