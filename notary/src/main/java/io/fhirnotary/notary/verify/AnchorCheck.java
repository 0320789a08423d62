package io.fhirnotary.notary.verify;

import io.fhirnotary.notary.chain.AnchorRecord;
import io.fhirnotary.notary.chain.ContractReader;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.TransactionStatus;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The on-chain half of verification: the receipt's root is anchored at the receipt's contract on
 * the receipt's chain, with the receipt's tree size, by the transaction and in the block it names.
 * Needs only a JSON-RPC endpoint, no key.
 */
public final class AnchorCheck {

	private AnchorCheck() {
	}

	public static Verdict check(EthereumRpc rpc, NotaryReceipt receipt) {
		NotaryReceipt.ChainAnchor claimed = receipt.anchor();
		String root = HexFormat.of().formatHex(receipt.root());
		long chainId = rpc.chainId();
		if (chainId != claimed.chainId()) {
			return Verdict.invalid("the RPC endpoint serves chain " + chainId + ", the receipt names chain " + claimed.chainId());
		}
		ContractReader contract = new ContractReader(rpc, claimed.contract());
		if (!contract.hasCode()) {
			return Verdict.invalid("there is no contract at " + claimed.contract() + " on chain " + chainId);
		}
		Optional<AnchorRecord> anchor = contract.readAnchor(receipt.root());
		if (anchor.isEmpty()) {
			return Verdict.invalid("root " + root + " is not anchored at contract " + claimed.contract() + " on chain " + chainId);
		}
		if (anchor.get().leafCount() != receipt.treeSize()) {
			return Verdict.invalid("root " + root + " is anchored with " + anchor.get().leafCount()
					+ " leaves, the receipt claims a tree of " + receipt.treeSize());
		}
		Optional<TransactionStatus> found = contract.status(claimed.transactionHash());
		if (found.isEmpty()) {
			return Verdict.invalid("transaction " + claimed.transactionHash() + " is not on chain " + chainId
					+ " (the root is anchored, but not by the transaction the receipt names)");
		}
		TransactionStatus transaction = found.get();
		if (transaction.blockNumber() != claimed.blockNumber() || !transaction.blockHash().equalsIgnoreCase(claimed.blockHash())) {
			return Verdict.invalid("transaction " + claimed.transactionHash() + " is in block " + transaction.blockNumber() + " ("
					+ transaction.blockHash() + "), the receipt says block " + claimed.blockNumber() + " (" + claimed.blockHash() + ")");
		}
		if (!transaction.canonical()) {
			return Verdict.invalid("block " + claimed.blockNumber() + " (" + claimed.blockHash() + ") is no longer in the chain");
		}
		boolean anchoredHere = transaction.succeeded() && transaction.anchored().stream()
				.anyMatch(event -> Arrays.equals(event.root(), receipt.root()) && event.leafCount() == receipt.treeSize());
		if (!anchoredHere) {
			return Verdict.invalid("transaction " + claimed.transactionHash() + " did not anchor root " + root + " at contract "
					+ claimed.contract());
		}
		return Verdict.valid("anchored on chain " + chainId + " at contract " + claimed.contract() + " by transaction "
				+ claimed.transactionHash() + " in block " + claimed.blockNumber() + " at "
				+ Instant.ofEpochSecond(anchor.get().timestamp()) + ", " + transaction.confirmations() + " confirmation"
				+ (transaction.confirmations() == 1 ? "" : "s"));
	}
}
