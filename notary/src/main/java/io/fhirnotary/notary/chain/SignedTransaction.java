package io.fhirnotary.notary.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A transaction signed and ready to broadcast, kept as the exact bytes that will go on the wire so
 * it can be persisted first and sent again, unchanged, after a crash: the same nonce and the same
 * hash, so it can never be anchored twice.
 *
 * @param nonce the sender's nonce the transaction consumes
 * @param rawHex the signed transaction, 0x-hex (what {@code eth_sendRawTransaction} takes)
 * @param hash the transaction hash, keccak-256 of the raw bytes, 0x-hex
 */
public record SignedTransaction(BigInteger nonce, String rawHex, String hash) {

	public SignedTransaction {
		Objects.requireNonNull(nonce, "nonce");
		Objects.requireNonNull(rawHex, "rawHex");
		Objects.requireNonNull(hash, "hash");
	}
}
