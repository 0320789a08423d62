package io.fhirnotary.interceptors.crypto;

/**
 * Encrypts and decrypts resource bodies with a data key, bound to their {@link ResourceVersion}.
 * The data key a stored body needs is named inside its ciphertext ({@link #dataKeyIdOf}).
 */
public final class BodyCipher {

	private BodyCipher() {}

	public static byte[] encrypt(DataKey key, ResourceVersion version, byte[] body) {
		return key.encrypt(body, version.associatedData());
	}

	public static byte[] decrypt(DataKey key, ResourceVersion version, byte[] ciphertext)
			throws InvalidCiphertextException {
		return key.decrypt(ciphertext, version.associatedData());
	}

	/** Which data key a ciphertext was made with, without decrypting it. */
	public static String dataKeyIdOf(byte[] ciphertext) throws InvalidCiphertextException {
		return KeyedCiphertext.keyIdOf(ciphertext);
	}
}
