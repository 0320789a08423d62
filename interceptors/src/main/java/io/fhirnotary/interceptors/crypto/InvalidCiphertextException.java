package io.fhirnotary.interceptors.crypto;

import java.security.GeneralSecurityException;

/**
 * The one exception for a ciphertext that cannot be opened: malformed, truncated, tampered with,
 * bound to other associated data, or naming a key that is not available. Its message names at most
 * a key id, never plaintext or key material.
 */
public class InvalidCiphertextException extends GeneralSecurityException {

	public InvalidCiphertextException(String message) {
		super(message);
	}

	public InvalidCiphertextException(String message, Throwable cause) {
		super(message, cause);
	}
}
