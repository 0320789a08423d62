package io.fhirnotary.interceptors.blindindex;

/**
 * The keyed hash behind blind indexes: HMAC-SHA-256 under the index key ({@code index-hmac-1} in
 * the keystore), a key used for nothing else. Implementations hold the key; callers only get MACs.
 */
@FunctionalInterface
public interface IndexMac {

	/** The MAC of {@code data} (32 bytes for HMAC-SHA-256). Deterministic: equal input, equal MAC. */
	byte[] mac(byte[] data);
}
