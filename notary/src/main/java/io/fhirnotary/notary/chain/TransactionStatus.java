package io.fhirnotary.notary.chain;

import java.math.BigInteger;
import java.util.List;

/**
 * A mined transaction as the chain sees it now.
 *
 * @param hash the transaction hash
 * @param blockNumber the block it was mined in
 * @param blockHash that block's hash
 * @param succeeded false when it reverted
 * @param confirmations blocks from its block up to the head, its own included (1 = just mined)
 * @param canonical false when the block at that height now has another hash (a reorg dropped it)
 * @param gasUsed gas the transaction used
 * @param anchored the contract's {@code Anchored} events in it (none for a re-anchor of a known root)
 * @param to the address the transaction called
 */
public record TransactionStatus(String hash, long blockNumber, String blockHash, boolean succeeded, long confirmations,
		boolean canonical, BigInteger gasUsed, List<FhirNotaryAbi.AnchoredEvent> anchored, String to) {
}
