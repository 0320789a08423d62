package io.fhirnotary.interceptors.crypto;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * A key-encryption key (KEK): wraps and unwraps {@link DataKey}s and does nothing else. KEKs live
 * in a key provider ({@link KeyEncryptionKeys}); only their ids are stored with the wrapped keys.
 * Wrapping is AES-256-GCM in the {@link KeyedCiphertext} layout with the data key's id as
 * associated data.
 *
 * <p>A KEK read from a PKCS#11 token never leaves it: its {@link SecretKey} is a handle, and the
 * wrapping runs inside the token, through a cipher of the token's own provider.
 */
public final class KeyEncryptionKey {

	private static final byte[] CONTEXT = "fhir-notary/data-key/v1\0".getBytes(StandardCharsets.US_ASCII);

	private final String id;
	private final SecretKey key;
	/** The provider that must run this key's ciphers (a token's), or null for any. */
	private final Provider tokenProvider;

	/** A KEK whose key material is in memory (PKCS#12 keystore). */
	KeyEncryptionKey(String id, SecretKey key) {
		if (key.getEncoded() == null || key.getEncoded().length != KeyedCiphertext.KEY_LENGTH) {
			throw new IllegalArgumentException("Key-encryption key " + id + " is not a 256-bit key");
		}
		this.id = KeyIds.require(id);
		this.key = key;
		this.tokenProvider = null;
	}

	/**
	 * A KEK that stays inside a token: {@code key} is the token's handle, usable only by
	 * {@code tokenProvider}. Its length cannot be read from outside; the token's AES keys are
	 * provisioned as AES-256 ({@link Pkcs11KeyStore}).
	 */
	KeyEncryptionKey(String id, SecretKey key, Provider tokenProvider) {
		if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
			throw new IllegalArgumentException("Key-encryption key " + id + " is not an AES key");
		}
		this.id = KeyIds.require(id);
		this.key = key;
		this.tokenProvider = tokenProvider;
	}

	public String id() {
		return id;
	}

	public WrappedDataKey wrap(DataKey dataKey) {
		return new WrappedDataKey(
				dataKey.id(), id, KeyedCiphertext.seal(id, key, dataKey.material(), associatedData(dataKey.id()), cipher()));
	}

	/** @throws InvalidCiphertextException when the wrapped key is not this KEK's or was tampered with */
	public DataKey unwrap(WrappedDataKey wrapped) throws InvalidCiphertextException {
		if (!id.equals(wrapped.kekId())) {
			throw new InvalidCiphertextException("Data key " + wrapped.dataKeyId() + " is wrapped by " + wrapped.kekId()
					+ ", not " + id);
		}
		byte[] material = KeyedCiphertext.open(id, key, wrapped.wrapped(), associatedData(wrapped.dataKeyId()), cipher());
		return new DataKey(wrapped.dataKeyId(), material);
	}

	/**
	 * The thread's cipher for a key in memory; for a token's key a new cipher of the token's provider
	 * per wrap or unwrap: they are rare (a data key is unwrapped once, then cached by its user), and
	 * a token's cipher objects hold token sessions.
	 */
	private Cipher cipher() {
		return tokenProvider == null ? KeyedCiphertext.threadCipher() : KeyedCiphertext.cipherOf(tokenProvider);
	}

	private static byte[] associatedData(String dataKeyId) {
		byte[] idBytes = dataKeyId.getBytes(StandardCharsets.US_ASCII);
		byte[] out = new byte[CONTEXT.length + idBytes.length];
		System.arraycopy(CONTEXT, 0, out, 0, CONTEXT.length);
		System.arraycopy(idBytes, 0, out, CONTEXT.length, idBytes.length);
		return out;
	}

	@Override
	public String toString() {
		return "KeyEncryptionKey[" + id + "]";
	}
}
