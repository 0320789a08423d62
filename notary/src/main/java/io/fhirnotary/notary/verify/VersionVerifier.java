package io.fhirnotary.notary.verify;

import io.fhirnotary.notary.anchor.AnchoredProof;
import io.fhirnotary.notary.anchor.BatchState;
import io.fhirnotary.notary.chain.AnchorRecord;
import io.fhirnotary.notary.chain.ContractReader;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.merkle.InclusionProofVerifier;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The server-side check behind {@code $verify}: a stored version, recomputed into its leaf, against
 * what the notary recorded and what the chain holds. Reasons never carry resource content.
 */
public final class VersionVerifier {

	/** The {@code result} of {@code $verify}. */
	public enum Result {
		/** the stored version is the one anchored, and the anchor is on chain */
		VALID,
		/** the stored version, its proof or its anchor does not match */
		TAMPERED,
		/** recorded, not yet anchored (or its anchor is being re-sent after a reorg) */
		PENDING,
		/** the notary has no record of this version */
		UNKNOWN
	}

	public record Verification(Result result, String reason, AnchoredProof proof, AnchorRecord anchor) {
	}

	private VersionVerifier() {
	}

	/**
	 * @param recomputed the leaf of the version as stored now (salt from the encrypted store, content
	 *        hash of what a vread returns)
	 * @param recorded what {@code AnchoredProofs.find} returned for the version
	 * @param rpc the chain, asked about the contract the record names
	 */
	public static Verification verify(NotaryLeaf recomputed, Optional<AnchoredProof> recorded, EthereumRpc rpc) {
		return verify(recomputed, recorded, (contract, root) -> new ContractReader(rpc, contract).readAnchor(root));
	}

	/** How a verification reads an anchor: (contract address, root) → the anchor, if any. */
	@FunctionalInterface
	public interface AnchorLookup {
		Optional<AnchorRecord> find(String contract, byte[] root);
	}

	/** As {@link #verify(NotaryLeaf, Optional, EthereumRpc)}, reading anchors through {@code anchors} (e.g. cached per root). */
	public static Verification verify(NotaryLeaf recomputed, Optional<AnchoredProof> recorded, AnchorLookup anchors) {
		if (recorded.isEmpty()) {
			return new Verification(Result.UNKNOWN, "the notary has no record of this version", null, null);
		}
		AnchoredProof proof = recorded.get();
		if (!MessageDigest.isEqual(recomputed.leafHash(), proof.leafHash())) {
			return new Verification(Result.TAMPERED, "the stored version does not hash to the leaf recorded when it was written",
					proof, null);
		}
		if (!proof.mined()) {
			return new Verification(Result.PENDING, "recorded, not yet anchored (" + proof.state() + ")", proof, null);
		}
		InclusionProofVerifier.Result path = InclusionProofVerifier.verify(proof.leafHash(), proof.leafIndex(), proof.treeSize(),
				proof.auditPath(), proof.root());
		if (!path.valid()) {
			return new Verification(Result.TAMPERED, "the stored inclusion proof fails: " + path.reason(), proof, null);
		}
		Optional<AnchorRecord> anchor = anchors.find(proof.anchor().contract(), proof.root());
		if (anchor.isEmpty()) {
			if (proof.batchState() == BatchState.FINAL) {
				return new Verification(Result.TAMPERED, "the batch is recorded as final but its root is not on chain", proof, null);
			}
			return new Verification(Result.PENDING, "the anchor is not on chain (yet, or again after a reorg)", proof, null);
		}
		if (anchor.get().leafCount() != proof.treeSize()) {
			return new Verification(Result.TAMPERED, "the root is anchored with " + anchor.get().leafCount()
					+ " leaves, the stored proof claims " + proof.treeSize(), proof, anchor.get());
		}
		return new Verification(Result.VALID, "anchored", proof, anchor.get());
	}
}
