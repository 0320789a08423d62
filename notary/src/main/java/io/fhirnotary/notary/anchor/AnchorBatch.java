package io.fhirnotary.notary.anchor;

/** A row of {@code fhirnotary_anchor_batch}. */
public record AnchorBatch(long id, String root, int leafCount, BatchState state, long chainId, String contractAddress,
		String signerAddress, long nonce, String signedTransaction, String transactionHash, Long blockNumber, String blockHash,
		Long gasUsed, int broadcasts, long updatedAtMillis) {
}
