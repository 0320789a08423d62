package io.fhirnotary.interceptors.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with the key id in the ciphertext: the one byte layout used for resource bodies and
 * for wrapped data keys.
 *
 * <pre>
 * offset       length  field
 * 0            1       format version, 0x01
 * 1            1       n = length of the key id (1..64)
 * 2            n       key id, ASCII
 * 2+n          12      GCM nonce, random per encryption
 * 14+n         rest    AES-256-GCM ciphertext followed by its 16-byte tag
 * </pre>
 *
 * The GCM associated data is the header (bytes {@code 0 .. 2+n}) followed by the caller's
 * associated data, so the key id and format version are authenticated too. Random 96-bit nonces
 * are safe for far more than the 2^32 encryptions NIST allows per key; a data key covers one
 * patient's versions.
 */
final class KeyedCiphertext {

	static final byte FORMAT_V1 = 0x01;
	static final int NONCE_LENGTH = 12;
	static final int TAG_BITS = 128;
	static final int KEY_LENGTH = 32;
	private static final String TRANSFORMATION = "AES/GCM/NoPadding";
	private static final SecureRandom RANDOM = new SecureRandom();
	/**
	 * One cipher object per thread, initialised afresh for every operation: looking a cipher up in
	 * the JCA costs several times more than the AES-GCM work on a typical resource body.
	 */
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(KeyedCiphertext::newCipher);

	private KeyedCiphertext() {}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance(TRANSFORMATION);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is not available", e);
		}
	}

	/** This thread's cipher, for keys any provider can use. */
	static Cipher threadCipher() {
		return CIPHERS.get();
	}

	/**
	 * A cipher of this layout's transformation from one provider: for keys that only their own
	 * provider can use (keys inside a PKCS#11 token), where the thread's cipher, bound to the
	 * provider of the first key it saw, would refuse them.
	 */
	static Cipher cipherOf(Provider provider) {
		try {
			return Cipher.getInstance(TRANSFORMATION, provider);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is not available from " + provider.getName(), e);
		}
	}

	static byte[] seal(String keyId, SecretKey key, byte[] plaintext, byte[] associatedData) {
		return seal(keyId, key, plaintext, associatedData, threadCipher());
	}

	static byte[] seal(String keyId, SecretKey key, byte[] plaintext, byte[] associatedData, Cipher cipher) {
		byte[] header = header(keyId);
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOM.nextBytes(nonce);
		try {
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(header);
			cipher.updateAAD(associatedData);
			byte[] out = new byte[header.length + NONCE_LENGTH + cipher.getOutputSize(plaintext.length)];
			System.arraycopy(header, 0, out, 0, header.length);
			System.arraycopy(nonce, 0, out, header.length, NONCE_LENGTH);
			cipher.doFinal(plaintext, 0, plaintext.length, out, header.length + NONCE_LENGTH);
			return out;
		} catch (GeneralSecurityException e) {
			// AES-256-GCM is mandatory in every Java 17 runtime; failing here is a broken platform.
			throw new IllegalStateException("AES-GCM encryption failed", e);
		}
	}

	static byte[] open(String expectedKeyId, SecretKey key, byte[] ciphertext, byte[] associatedData)
			throws InvalidCiphertextException {
		return open(expectedKeyId, key, ciphertext, associatedData, threadCipher());
	}

	static byte[] open(String expectedKeyId, SecretKey key, byte[] ciphertext, byte[] associatedData, Cipher cipher)
			throws InvalidCiphertextException {
		String keyId = keyIdOf(ciphertext);
		if (!keyId.equals(expectedKeyId)) {
			throw new InvalidCiphertextException("Ciphertext is for key " + keyId + ", not " + expectedKeyId);
		}
		int headerLength = 2 + keyId.length();
		int bodyStart = headerLength + NONCE_LENGTH;
		if (ciphertext.length < bodyStart + TAG_BITS / 8) {
			throw new InvalidCiphertextException("Ciphertext is truncated");
		}
		try {
			cipher.init(
					Cipher.DECRYPT_MODE,
					key,
					new GCMParameterSpec(TAG_BITS, ciphertext, headerLength, NONCE_LENGTH));
			cipher.updateAAD(ciphertext, 0, headerLength);
			cipher.updateAAD(associatedData);
			return cipher.doFinal(ciphertext, bodyStart, ciphertext.length - bodyStart);
		} catch (GeneralSecurityException e) {
			throw new InvalidCiphertextException("Ciphertext failed authentication (key " + keyId + ")", e);
		}
	}

	/** The key id a ciphertext names, read with bounds checks; nothing is decrypted. */
	static String keyIdOf(byte[] ciphertext) throws InvalidCiphertextException {
		if (ciphertext == null || ciphertext.length < 2) {
			throw new InvalidCiphertextException("Ciphertext is truncated");
		}
		if (ciphertext[0] != FORMAT_V1) {
			throw new InvalidCiphertextException("Unknown ciphertext format " + (ciphertext[0] & 0xff));
		}
		int length = ciphertext[1] & 0xff;
		if (length < 1 || length > KeyIds.MAX_LENGTH || ciphertext.length < 2 + length) {
			throw new InvalidCiphertextException("Ciphertext has a malformed key id");
		}
		String keyId = new String(Arrays.copyOfRange(ciphertext, 2, 2 + length), StandardCharsets.US_ASCII);
		try {
			return KeyIds.require(keyId);
		} catch (IllegalArgumentException e) {
			throw new InvalidCiphertextException("Ciphertext has a malformed key id");
		}
	}

	private static byte[] header(String keyId) {
		byte[] id = KeyIds.require(keyId).getBytes(StandardCharsets.US_ASCII);
		byte[] header = new byte[2 + id.length];
		header[0] = FORMAT_V1;
		header[1] = (byte) id.length;
		System.arraycopy(id, 0, header, 2, id.length);
		return header;
	}
}
