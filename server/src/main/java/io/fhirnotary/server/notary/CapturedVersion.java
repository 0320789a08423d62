package io.fhirnotary.server.notary;

import io.fhirnotary.notary.leaf.NotaryLeaf;

/**
 * One captured version waiting for its transaction's commit: its leaf (for the outbox) and its
 * salt, already sealed — sealed at capture, while the compartment's data key certainly exists
 * (a {@code $crypto-shred} destroys it later in the same transaction that deletes the resources).
 */
record CapturedVersion(NotaryLeaf leaf, NotarySalts.Sealed salt) {
}
