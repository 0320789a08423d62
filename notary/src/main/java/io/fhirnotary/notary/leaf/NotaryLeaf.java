package io.fhirnotary.notary.leaf;

import io.fhirnotary.notary.canonical.ContentHash;
import io.fhirnotary.notary.merkle.MerkleHashes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the notary commits to for one resource version, and its byte-exact encoding (the Merkle
 * leaf). Layout, format version 1 (all integers big-endian; docs/NOTARY.md has test vectors):
 *
 * <pre>
 * offset  size  field
 * 0       16    domain tag, the ASCII bytes "fhir-notary/leaf"
 * 16      1     format version, 0x01
 * 17      32    salt: 32 random bytes chosen once per resource version
 * 49      4+n   resource type: uint32 length n, then n bytes UTF-8 (e.g. "MedicationRequest")
 * ...     4+n   logical id: uint32 length, UTF-8
 * ...     4+n   version id: uint32 length, UTF-8 (e.g. "3")
 * ...     1     operation: 0x01 create, 0x02 update, 0x03 delete
 * ...     32    content hash: SHA-256 of the RFC 8785 form of the version's JSON; for a delete
 *               SHA-256 of zero bytes (e3b0c442...b855)
 * </pre>
 *
 * <p>The domain tag keeps these bytes from meaning anything in another protocol; the version byte
 * lets the layout change without ambiguity; the length prefixes make the encoding injective (no
 * two different leaves encode alike). The salt makes the leaf unguessable even for a resource whose
 * content could be enumerated, so a published root reveals nothing; destroying the salt (with the
 * patient's keys) unlinks the version from its leaf.
 */
public record NotaryLeaf(byte[] salt, String resourceType, String logicalId, String versionId, Operation operation,
		byte[] contentHash) {

	public static final byte[] DOMAIN_TAG = "fhir-notary/leaf".getBytes(StandardCharsets.US_ASCII);
	public static final int FORMAT_VERSION = 1;
	public static final int SALT_LENGTH = 32;
	public static final int CONTENT_HASH_LENGTH = 32;

	public NotaryLeaf {
		Objects.requireNonNull(operation, "operation");
		requireText(resourceType, "resource type");
		requireText(logicalId, "logical id");
		requireText(versionId, "version id");
		if (salt == null || salt.length != SALT_LENGTH) {
			throw new IllegalArgumentException("salt must be " + SALT_LENGTH + " bytes");
		}
		if (contentHash == null || contentHash.length != CONTENT_HASH_LENGTH) {
			throw new IllegalArgumentException("content hash must be " + CONTENT_HASH_LENGTH + " bytes");
		}
		salt = salt.clone();
		contentHash = contentHash.clone();
	}

	/**
	 * The leaf of a version from the JSON a {@code vread} of it returns; for a delete the JSON must
	 * be null (there is no body) and the content hash is {@link ContentHash#ofDeletion()}.
	 */
	public static NotaryLeaf ofVersion(byte[] salt, String resourceType, String logicalId, String versionId,
			Operation operation, String vreadJson) {
		byte[] contentHash;
		if (operation == Operation.DELETE) {
			if (vreadJson != null) {
				throw new IllegalArgumentException("a delete has no body to hash");
			}
			contentHash = ContentHash.ofDeletion();
		} else {
			contentHash = ContentHash.ofJson(Objects.requireNonNull(vreadJson, "the version's JSON"));
		}
		return new NotaryLeaf(salt, resourceType, logicalId, versionId, operation, contentHash);
	}

	@Override
	public byte[] salt() {
		return salt.clone();
	}

	@Override
	public byte[] contentHash() {
		return contentHash.clone();
	}

	/** The leaf bytes as laid out in the class comment. */
	public byte[] encode() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(160);
		out.writeBytes(DOMAIN_TAG);
		out.write(FORMAT_VERSION);
		out.writeBytes(salt);
		writeText(out, resourceType);
		writeText(out, logicalId);
		writeText(out, versionId);
		out.write(operation.code());
		out.writeBytes(contentHash);
		return out.toByteArray();
	}

	/** The RFC 9162 leaf hash of {@link #encode()}: what goes into the Merkle tree. */
	public byte[] leafHash() {
		return MerkleHashes.leafHash(encode());
	}

	/** The reference {@code type/id/_history/version} this leaf is about. */
	public String versionReference() {
		return resourceType + "/" + logicalId + "/_history/" + versionId;
	}

	private static void writeText(ByteArrayOutputStream out, String text) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
		out.writeBytes(utf8);
	}

	private static void requireText(String value, String what) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(what + " must not be empty");
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof NotaryLeaf leaf && Arrays.equals(encode(), leaf.encode());
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(encode());
	}

	@Override
	public String toString() {
		// the salt is secret until a receipt is handed out: keep it out of logs
		return "NotaryLeaf[" + versionReference() + ", " + operation.wireName() + ", content "
				+ HexFormat.of().formatHex(contentHash) + "]";
	}
}
