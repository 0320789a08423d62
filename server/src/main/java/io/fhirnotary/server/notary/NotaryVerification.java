package io.fhirnotary.server.notary;

import io.fhirnotary.notary.anchor.AnchoredProof;
import io.fhirnotary.notary.anchor.AnchoredProofs;
import io.fhirnotary.notary.chain.ContractReader;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import io.fhirnotary.notary.verify.VersionVerifier;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server side of {@code $verify} and {@code $notary-receipt} for one version: the version as
 * stored now, recomputed into its leaf, against what the notary recorded and what the chain holds.
 * No HTTP here: {@link NotaryOperationProvider} shapes the answers.
 */
final class NotaryVerification {

	/**
	 * What the notary can say about a version that is stored or was notarised; {@code erased} when
	 * its content or salt is gone for good (crypto-shredded), so no receipt may be handed out.
	 */
	record Outcome(String reference, VersionVerifier.Verification verification, Optional<NotaryLeaf> leaf, boolean erased) {
	}

	private final JdbcTemplate jdbc;
	private final StoredVersionLeaves leaves;
	private final NotaryChain chain;

	NotaryVerification(JdbcTemplate jdbc, StoredVersionLeaves leaves, NotaryChain chain) {
		this.jdbc = jdbc;
		this.leaves = leaves;
		this.chain = chain;
	}

	Optional<AnchoredProof> recorded(String resourceType, String logicalId, String versionId) {
		return jdbc.execute((ConnectionCallback<Optional<AnchoredProof>>) connection ->
				AnchoredProofs.find(connection, resourceType, logicalId, versionId));
	}

	/**
	 * @throws io.fhirnotary.notary.chain.ChainException when the chain must be asked and cannot be
	 */
	Outcome verify(String resourceType, String logicalId, String versionId) {
		String reference = resourceType + "/" + logicalId + "/_history/" + versionId;
		Optional<AnchoredProof> recorded = recorded(resourceType, logicalId, versionId);
		if (recorded.isEmpty()) {
			return unverifiable(reference, VersionVerifier.Result.UNKNOWN, "the notary has no record of this version", null, false);
		}
		Optional<StoredVersionLeaves.StoredVersion> stored = leaves.read(resourceType, logicalId, versionId);
		if (stored.isEmpty()) {
			// a history row deleted behind the server's back: nothing to recompute, the record says it existed
			return unverifiable(reference, VersionVerifier.Result.UNKNOWN,
					"the version was notarised but is no longer stored (its history row is missing)", recorded.get(), false);
		}
		StoredVersionLeaves.StoredVersion version = stored.get();
		if (version.unreadable()) {
			return unverifiable(reference, VersionVerifier.Result.TAMPERED,
					"the stored version cannot be read back: its body fails the integrity check", recorded.get(), false);
		}
		NotarySalts.Lookup salt = leaves.salt(resourceType, logicalId, versionId);
		if (salt.state() == NotarySalts.State.ERASED) {
			return unverifiable(reference, VersionVerifier.Result.UNKNOWN,
					"the version was erased: its salt was destroyed with its patient's data key", recorded.get(), true);
		}
		if (version.gone() && recorded.get().operation() != Operation.DELETE) {
			// content erased (crypto-shredded) or removed: nothing is left to recompute
			return unverifiable(reference, VersionVerifier.Result.UNKNOWN,
					"the version's content is no longer stored (deleted or erased), so its leaf cannot be recomputed",
					recorded.get(), true);
		}
		if (salt.state() != NotarySalts.State.FOUND) {
			return unverifiable(reference, VersionVerifier.Result.TAMPERED, salt.state() == NotarySalts.State.MISSING
					? "the version's leaf salt is missing" : "the version's sealed leaf salt fails its integrity check", recorded.get(),
					false);
		}
		NotaryLeaf leaf = leaves.leaf(resourceType, logicalId, versionId, recorded.get().operation(), version, salt.salt());
		VersionVerifier.Verification verification = VersionVerifier.verify(leaf, recorded, (contract, root) -> {
			EthereumRpc rpc = chain.rpc().orElseThrow(() -> new IllegalStateException("no chain configured"));
			return new ContractReader(rpc, contract).readAnchor(root);
		});
		return new Outcome(reference, verification, Optional.of(leaf), false);
	}

	private static Outcome unverifiable(String reference, VersionVerifier.Result result, String reason, AnchoredProof recorded,
			boolean erased) {
		return new Outcome(reference, new VersionVerifier.Verification(result, reason, recorded, null), Optional.empty(), erased);
	}

	/** The receipt of a valid, anchored version. */
	static NotaryReceipt receipt(Outcome outcome) {
		return outcome.verification().proof().receipt(outcome.leaf().orElseThrow());
	}
}
