package io.fhirnotary.interceptors.blindindex;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 under a key generated per test run (the real key lives in the keystore). */
final class TestIndexKeys {

	private TestIndexKeys() {}

	static IndexMac randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return withKey(key);
	}

	static IndexMac withKey(byte[] key) {
		SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
		return data -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(spec);
				return mac.doFinal(data);
			} catch (GeneralSecurityException e) {
				throw new IllegalStateException(e);
			}
		};
	}
}
