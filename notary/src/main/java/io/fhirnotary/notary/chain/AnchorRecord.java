package io.fhirnotary.notary.chain;

/**
 * What the contract holds for an anchored root.
 *
 * @param timestamp the anchoring block's timestamp, seconds since the epoch
 * @param leafCount the number of leaves in the root's tree
 */
public record AnchorRecord(long timestamp, long leafCount) {
}
