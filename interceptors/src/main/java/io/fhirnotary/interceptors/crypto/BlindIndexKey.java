package io.fhirnotary.interceptors.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The keyed hash behind blind indexes (HMAC-SHA-256), separate from every encryption key. Kept in
 * the keystore under {@link Pkcs12KeyStore#INDEX_HMAC_ALIAS}; callers get MACs, never the key.
 */
public final class BlindIndexKey {

	private static final String ALGORITHM = "HmacSHA256";

	private final String id;
	private final SecretKey key;
	/** The provider that must compute with this key (a PKCS#11 token's), or null for any. */
	private final Provider tokenProvider;
	// Every indexed or searched token value is hashed: look the provider up and initialise the key
	// once per thread, not once per value. doFinal leaves a Mac ready for the next value.
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	BlindIndexKey(String id, SecretKey key) {
		this(id, key, null);
	}

	/** A key inside a PKCS#11 token: every MAC is computed by the token. */
	BlindIndexKey(String id, SecretKey key, Provider tokenProvider) {
		this.id = KeyIds.require(id);
		this.key = key;
		this.tokenProvider = tokenProvider;
		newMac(); // fail at load time, not at the first write
	}

	public String id() {
		return id;
	}

	/** HMAC-SHA-256 of {@code data} (32 bytes). */
	public byte[] mac(byte[] data) {
		return macs.get().doFinal(data);
	}

	private Mac newMac() {
		try {
			Mac mac = tokenProvider == null ? Mac.getInstance(ALGORITHM) : Mac.getInstance(ALGORITHM, tokenProvider);
			mac.init(key);
			return mac;
		} catch (InvalidKeyException e) {
			throw new IllegalStateException("Blind index key " + id + " is not usable for " + ALGORITHM, e);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(ALGORITHM + " is not available", e);
		}
	}

	@Override
	public String toString() {
		return "BlindIndexKey[" + id + "]";
	}
}
