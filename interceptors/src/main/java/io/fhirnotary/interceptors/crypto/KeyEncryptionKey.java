package io.fhirnotary.interceptors.crypto;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;

/**
 * A key-encryption key (KEK): wraps and unwraps {@link DataKey}s and does nothing else. KEKs live
 * in a key provider ({@link KeyEncryptionKeys}); only their ids are stored with the wrapped keys.
 * Wrapping is AES-256-GCM in the {@link KeyedCiphertext} layout with the data key's id as
 * associated data.
 */
public final class KeyEncryptionKey {

	private static final byte[] CONTEXT = "fhir-notary/data-key/v1\0".getBytes(StandardCharsets.US_ASCII);

	private final String id;
	private final SecretKey key;

	KeyEncryptionKey(String id, SecretKey key) {
		if (key.getEncoded() == null || key.getEncoded().length != KeyedCiphertext.KEY_LENGTH) {
			throw new IllegalArgumentException("Key-encryption key " + id + " is not a 256-bit key");
		}
		this.id = KeyIds.require(id);
		this.key = key;
	}

	public String id() {
		return id;
	}

	public WrappedDataKey wrap(DataKey dataKey) {
		return new WrappedDataKey(
				dataKey.id(), id, KeyedCiphertext.seal(id, key, dataKey.material(), associatedData(dataKey.id())));
	}

	/** @throws InvalidCiphertextException when the wrapped key is not this KEK's or was tampered with */
	public DataKey unwrap(WrappedDataKey wrapped) throws InvalidCiphertextException {
		if (!id.equals(wrapped.kekId())) {
			throw new InvalidCiphertextException("Data key " + wrapped.dataKeyId() + " is wrapped by " + wrapped.kekId()
					+ ", not " + id);
		}
		byte[] material = KeyedCiphertext.open(id, key, wrapped.wrapped(), associatedData(wrapped.dataKeyId()));
		return new DataKey(wrapped.dataKeyId(), material);
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
