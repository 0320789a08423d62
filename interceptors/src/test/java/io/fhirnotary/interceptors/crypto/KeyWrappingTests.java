package io.fhirnotary.interceptors.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyWrappingTests {

	private static final ResourceVersion VERSION = new ResourceVersion("MedicationRequest", "m1", 3);
	private static final byte[] BODY = "{\"resourceType\":\"MedicationRequest\"}".getBytes(StandardCharsets.UTF_8);

	private final KeyEncryptionKey kek1 = kek("kek-1", (byte) 1);
	private final KeyEncryptionKey kek2 = kek("kek-2", (byte) 2);

	@Test
	void unwrappedKeyDecryptsWhatTheOriginalEncrypted() throws Exception {
		DataKey key = DataKey.generate();
		byte[] ciphertext = BodyCipher.encrypt(key, VERSION, BODY);

		WrappedDataKey wrapped = kek1.wrap(key);

		assertThat(wrapped.kekId()).isEqualTo("kek-1");
		assertThat(wrapped.dataKeyId()).isEqualTo(key.id());
		assertThat(BodyCipher.decrypt(kek1.unwrap(wrapped), VERSION, ciphertext)).isEqualTo(BODY);
	}

	@Test
	void rotationRewrapsWithoutTouchingBodies() throws Exception {
		DataKey key = DataKey.generate();
		byte[] ciphertext = BodyCipher.encrypt(key, VERSION, BODY);
		WrappedDataKey underOld = kek1.wrap(key);

		WrappedDataKey underNew = kek2.wrap(kek1.unwrap(underOld));

		assertThat(underNew.kekId()).isEqualTo("kek-2");
		assertThat(underNew.wrapped()).isNotEqualTo(underOld.wrapped());
		assertThat(BodyCipher.decrypt(kek2.unwrap(underNew), VERSION, ciphertext)).isEqualTo(BODY);
	}

	@Test
	void wrongKekIsRefused() {
		WrappedDataKey wrapped = kek1.wrap(DataKey.generate());

		assertThatThrownBy(() -> kek2.unwrap(wrapped)).isInstanceOf(InvalidCiphertextException.class);
		// a different key that claims the same id still fails authentication
		assertThatThrownBy(() -> kek("kek-1", (byte) 9).unwrap(wrapped)).isInstanceOf(InvalidCiphertextException.class);
	}

	@Test
	void wrappedKeyCopiedOntoAnotherDataKeyFails() {
		WrappedDataKey wrapped = kek1.wrap(DataKey.generate());
		WrappedDataKey moved = new WrappedDataKey("dk-someone-else", wrapped.kekId(), wrapped.wrapped());

		assertThatThrownBy(() -> kek1.unwrap(moved)).isInstanceOf(InvalidCiphertextException.class);
	}

	@Test
	void tamperedWrappedKeyFails() {
		WrappedDataKey wrapped = kek1.wrap(DataKey.generate());
		byte[] bytes = wrapped.wrapped();
		bytes[bytes.length - 1] ^= 0x40;

		assertThatThrownBy(() -> kek1.unwrap(new WrappedDataKey(wrapped.dataKeyId(), "kek-1", bytes)))
				.isInstanceOf(InvalidCiphertextException.class);
	}

	@Test
	void describingKeysNeverShowsMaterial() {
		DataKey key = DataKey.generate();
		assertThat(key.toString()).isEqualTo("DataKey[" + key.id() + "]");
		assertThat(kek1.toString()).isEqualTo("KeyEncryptionKey[kek-1]");
	}

	private static KeyEncryptionKey kek(String id, byte fill) {
		byte[] bytes = new byte[32];
		java.util.Arrays.fill(bytes, fill);
		return new KeyEncryptionKey(id, new SecretKeySpec(bytes, "AES"));
	}
}
