package io.fhirnotary.interceptors.crypto;

/**
 * Authenticated encryption with associated data, shaped like Tink's {@code Aead}: callers hand in
 * bytes and the context the bytes belong to, never a key.
 *
 * <p>The associated data is authenticated but not encrypted; decryption succeeds only with exactly
 * the associated data given at encryption, which is how a ciphertext is bound to its place (a
 * resource version, a data key id).
 */
public interface Aead {

	byte[] encrypt(byte[] plaintext, byte[] associatedData);

	/** @throws InvalidCiphertextException for every malformed, tampered or misplaced ciphertext */
	byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws InvalidCiphertextException;
}
