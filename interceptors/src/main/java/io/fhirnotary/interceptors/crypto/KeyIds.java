package io.fhirnotary.interceptors.crypto;

import java.util.regex.Pattern;

/** Key ids travel inside ciphertexts and database columns: short, printable ASCII, no secrets. */
final class KeyIds {

	static final int MAX_LENGTH = 64;
	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

	private KeyIds() {}

	static String require(String keyId) {
		if (keyId == null || !VALID.matcher(keyId).matches()) {
			throw new IllegalArgumentException("Invalid key id (1-" + MAX_LENGTH + " of A-Z a-z 0-9 . _ : -)");
		}
		return keyId;
	}
}
