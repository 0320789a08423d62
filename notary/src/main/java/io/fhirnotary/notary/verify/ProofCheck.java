package io.fhirnotary.notary.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirnotary.notary.canonical.ContentHash;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.merkle.InclusionProofVerifier;
import io.fhirnotary.notary.merkle.MerkleHashes;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The offline half of verification: from a resource copy and its receipt to the receipt's root.
 * Pure; never prints resource content in a reason (it may be clinical).
 */
public final class ProofCheck {

	private static final HexFormat HEX = HexFormat.of();
	private static final ObjectMapper MAPPER = new ObjectMapper();

	private ProofCheck() {
	}

	/**
	 * @param resourceJson the resource copy exactly as a {@code vread} returned it; null for a
	 *        delete receipt, which has no body
	 */
	public static Verdict check(String resourceJson, NotaryReceipt receipt) {
		if (!ContentHash.CANONICALIZATION.equals(receipt.canonicalization())) {
			return Verdict.invalid("unsupported canonicalisation '" + receipt.canonicalization() + "' (this verifier knows "
					+ ContentHash.CANONICALIZATION + ")");
		}
		if (receipt.leafFormat() != NotaryLeaf.FORMAT_VERSION) {
			return Verdict.invalid("unsupported leaf format " + receipt.leafFormat());
		}
		byte[] contentHash;
		if (receipt.operation() == Operation.DELETE) {
			if (resourceJson != null) {
				return Verdict.invalid("the receipt is for the deletion " + receipt.resourceReference()
						+ ", which has no body to compare with the resource file");
			}
			contentHash = ContentHash.ofDeletion();
		} else {
			if (resourceJson == null) {
				return Verdict.invalid("the receipt is for " + receipt.operation().wireName() + " of "
						+ receipt.resourceReference() + ": a resource file is required");
			}
			Verdict identity = sameVersion(resourceJson, receipt);
			if (!identity.valid()) {
				return identity;
			}
			contentHash = ContentHash.ofJson(resourceJson);
		}
		if (!MessageDigest.isEqual(contentHash, receipt.contentHash())) {
			return Verdict.invalid("content hash mismatch: the resource hashes to " + HEX.formatHex(contentHash)
					+ " (RFC 8785, SHA-256), the receipt commits to " + HEX.formatHex(receipt.contentHash())
					+ ": this copy is not the notarised version");
		}
		byte[] leaf;
		try {
			leaf = new NotaryLeaf(receipt.salt(), receipt.resourceType(), receipt.logicalId(), receipt.versionId(),
					receipt.operation(), contentHash).encode();
		} catch (IllegalArgumentException e) {
			return Verdict.invalid("the receipt's leaf fields are malformed: " + e.getMessage());
		}
		if (!MessageDigest.isEqual(leaf, receipt.leaf())) {
			return Verdict.invalid("the receipt's leaf is not the encoding of its own fields (expected "
					+ HEX.formatHex(leaf) + ")");
		}
		InclusionProofVerifier.Result proof = InclusionProofVerifier.verify(MerkleHashes.leafHash(leaf), receipt.leafIndex(),
				receipt.treeSize(), receipt.auditPath(), receipt.root());
		if (!proof.valid()) {
			return Verdict.invalid("inclusion proof fails for leaf " + receipt.leafIndex() + " of " + receipt.treeSize() + ": "
					+ proof.reason());
		}
		return Verdict.valid(receipt.resourceReference() + " is leaf " + receipt.leafIndex() + " of " + receipt.treeSize()
				+ " under root " + HEX.formatHex(receipt.root()));
	}

	private static Verdict sameVersion(String resourceJson, NotaryReceipt receipt) {
		JsonNode json;
		try {
			json = MAPPER.readTree(resourceJson);
		} catch (Exception e) {
			return Verdict.invalid("the resource file is not well-formed JSON");
		}
		if (json == null || !json.isObject()) {
			return Verdict.invalid("the resource file is not a JSON object");
		}
		String type = json.path("resourceType").asText("");
		String id = json.path("id").asText("");
		String version = json.path("meta").path("versionId").asText("");
		if (!type.equals(receipt.resourceType()) || !id.equals(receipt.logicalId()) || !version.equals(receipt.versionId())) {
			return Verdict.invalid("the resource file is " + describe(type, id, version) + " but the receipt is for "
					+ receipt.resourceReference());
		}
		return Verdict.valid("same version");
	}

	private static String describe(String type, String id, String version) {
		if (type.isEmpty() || id.isEmpty()) {
			return "a resource without resourceType or id";
		}
		return type + "/" + id + (version.isEmpty() ? " without meta.versionId" : "/_history/" + version);
	}
}
