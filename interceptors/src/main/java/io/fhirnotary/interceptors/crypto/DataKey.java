package io.fhirnotary.interceptors.crypto;

import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A data-encryption key: one per patient compartment (and one shared by resources with no patient).
 * It encrypts resource bodies and never leaves this package in the clear: it is stored only
 * {@link KeyEncryptionKey#wrap wrapped} by a key-encryption key.
 *
 * <p>Ciphertexts carry this key's id (layout in {@link KeyedCiphertext}), so a reader can find the
 * key a body needs and a ciphertext offered to the wrong key fails before any decryption.
 */
public final class DataKey implements Aead {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String id;
	private final SecretKey key;

	DataKey(String id, byte[] keyBytes) {
		if (keyBytes.length != KeyedCiphertext.KEY_LENGTH) {
			throw new IllegalArgumentException("A data key is 256 bits");
		}
		this.id = KeyIds.require(id);
		this.key = new SecretKeySpec(keyBytes, "AES");
	}

	/** A fresh random AES-256 key with a fresh random id ({@code dk-<uuid>}). */
	public static DataKey generate() {
		byte[] bytes = new byte[KeyedCiphertext.KEY_LENGTH];
		RANDOM.nextBytes(bytes);
		return new DataKey("dk-" + UUID.randomUUID(), bytes);
	}

	public String id() {
		return id;
	}

	@Override
	public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
		return KeyedCiphertext.seal(id, key, plaintext, associatedData);
	}

	@Override
	public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws InvalidCiphertextException {
		return KeyedCiphertext.open(id, key, ciphertext, associatedData);
	}

	/** Raw key bytes, for wrapping only (package-private: callers never see key material). */
	byte[] material() {
		return key.getEncoded();
	}

	@Override
	public String toString() {
		return "DataKey[" + id + "]";
	}
}
