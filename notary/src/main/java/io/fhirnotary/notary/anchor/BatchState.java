package io.fhirnotary.notary.anchor;

/** Where an anchor batch stands (column {@code fhirnotary_anchor_batch.state}). */
public enum BatchState {
	/** nonce and signed transaction stored; no node has accepted it yet */
	SIGNED,
	/** broadcast, not yet mined (or dropped by a reorg and broadcast again) */
	SUBMITTED,
	/** mined, fewer blocks on top than the configured confirmations */
	CONFIRMED,
	/** enough confirmations */
	FINAL,
	/** abandoned because its nonce went to another transaction; its versions were queued again */
	REQUEUED
}
