package io.fhirnotary.interceptors.blindindex;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The stored and searched form of a blinded value: {@code hmac:} followed by the unpadded base64url
 * HMAC-SHA-256 of the normalised value (48 characters, within HAPI's 200-character token column).
 *
 * <p>The index side always hashes ({@link #blind}); a resource whose value happens to start with
 * {@code hmac:} is hashed like any other. The query side is idempotent ({@link #blindQueryValue}):
 * several entry points may see the same search (request, transaction, pre-search), and a value
 * already rewritten must not be hashed twice.
 */
public final class BlindTokens {

	/** Marks a value as already blinded. */
	public static final String PREFIX = "hmac:";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final IndexMac mac;

	public BlindTokens(IndexMac mac) {
		this.mac = mac;
	}

	/** Index side: the blind form of a value taken from a resource. */
	public String blind(String value, Normaliser normaliser) {
		String canonical = normaliser.normalise(value);
		return PREFIX + BASE64URL.encodeToString(mac.mac(canonical.getBytes(StandardCharsets.UTF_8)));
	}

	/** Query side: the blind form of a searched value; a value already blinded is returned as it is. */
	public String blindQueryValue(String value, Normaliser normaliser) {
		return isBlinded(value) ? value : blind(value, normaliser);
	}

	public static boolean isBlinded(String value) {
		return value != null && value.startsWith(PREFIX);
	}
}
