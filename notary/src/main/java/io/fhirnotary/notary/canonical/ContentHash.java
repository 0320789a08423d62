package io.fhirnotary.notary.canonical;

import io.fhirnotary.notary.merkle.MerkleHashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The content hash of a resource version: SHA-256 over the RFC 8785 (JSON Canonicalization Scheme)
 * form of its FHIR JSON, exactly as a {@code vread} returns it.
 *
 * <p>RFC 8785 sorts object members by their UTF-16 code units, removes insignificant whitespace,
 * escapes strings minimally and writes numbers the way ECMAScript does for IEEE 754 doubles. So
 * {@code 2.50} and {@code 2.5} hash alike, as do {@code 1e2} and {@code 100}; a FHIR decimal with
 * more than 17 significant digits cannot keep them. The hash is therefore insensitive to how a copy
 * was pretty-printed or which JSON library wrote it, and sensitive to every value.
 *
 * <p>A delete has no body (a {@code vread} of a deleted version answers 410 Gone): its content hash
 * is {@link #ofDeletion()}, SHA-256 of zero bytes.
 */
public final class ContentHash {

	/** The identifier of this canonicalisation in receipts. */
	public static final String CANONICALIZATION = "RFC8785-SHA256";

	private ContentHash() {
	}

	/** @throws InvalidJsonException when the input is not one well-formed JSON value */
	public static byte[] ofJson(String json) {
		return MerkleHashes.sha256().digest(canonicalize(json));
	}

	public static byte[] ofJson(byte[] utf8Json) {
		return ofJson(new String(utf8Json, StandardCharsets.UTF_8));
	}

	/** The RFC 8785 canonical form as UTF-8 bytes. */
	public static byte[] canonicalize(String json) {
		try {
			return new JsonCanonicalizer(json).getEncodedUTF8();
		} catch (IOException | RuntimeException e) {
			// the parser's message may quote the input, which can be clinical content: leave it out
			throw new InvalidJsonException("not a well-formed JSON value (RFC 8785 canonicalisation failed)");
		}
	}

	public static byte[] ofDeletion() {
		return MerkleHashes.sha256().digest();
	}

	public static final class InvalidJsonException extends IllegalArgumentException {
		private static final long serialVersionUID = 1L;

		public InvalidJsonException(String message) {
			super(message);
		}
	}
}
