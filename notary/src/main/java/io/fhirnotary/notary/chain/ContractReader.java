package io.fhirnotary.notary.chain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Read-only access to one FhirNotary contract: needs no key, so auditors and the verifier use it
 * as well as the notary itself.
 */
public final class ContractReader {

	/** Any address works as the sender of a view call; the zero address says we hold no key. */
	private static final String NO_SENDER = "0x0000000000000000000000000000000000000000";

	private final EthereumRpc rpc;
	private final String contractAddress;

	public ContractReader(EthereumRpc rpc, String contractAddress) {
		this.rpc = rpc;
		this.contractAddress = contractAddress.toLowerCase(Locale.ROOT);
	}

	public String contractAddress() {
		return contractAddress;
	}

	public boolean hasCode() {
		String code = rpc.code(contractAddress);
		return code != null && !"0x".equals(code) && !code.isEmpty();
	}

	/** The anchor of a root, empty when the contract never anchored it. */
	public Optional<AnchorRecord> readAnchor(byte[] root) {
		long[] values = FhirNotaryAbi.decodeGetAnchor(view(FhirNotaryAbi.getAnchor(root)));
		return values[0] == 0 ? Optional.empty() : Optional.of(new AnchorRecord(values[0], values[1]));
	}

	public boolean isNotary(String address) {
		return FhirNotaryAbi.decodeBool(view(FhirNotaryAbi.isNotary(address)));
	}

	public String owner() {
		return FhirNotaryAbi.decodeAddress(view(FhirNotaryAbi.owner()));
	}

	/** The transaction as mined now, empty while it is pending or unknown (e.g. dropped by a reorg). */
	public Optional<TransactionStatus> status(String transactionHash) {
		Optional<TransactionReceipt> found = rpc.receipt(transactionHash);
		if (found.isEmpty() || found.get().getBlockNumberRaw() == null) {
			return Optional.empty();
		}
		TransactionReceipt receipt = found.get();
		long block = receipt.getBlockNumber().longValueExact();
		long head = rpc.blockNumber();
		boolean canonical = rpc.blockHash(block).map(hash -> hash.equalsIgnoreCase(receipt.getBlockHash())).orElse(false);
		List<FhirNotaryAbi.AnchoredEvent> events = FhirNotaryAbi.anchoredEvents(receipt.getLogs(), contractAddress);
		return Optional.of(new TransactionStatus(receipt.getTransactionHash(), block, receipt.getBlockHash(),
				receipt.isStatusOK(), Math.max(0, head - block + 1), canonical, receipt.getGasUsed(), events,
				receipt.getTo()));
	}

	private String view(String data) {
		EthereumRpc.CallResult result = rpc.call(NO_SENDER, contractAddress, data);
		if (result.reverted()) {
			throw ChainException.refused("eth_call to " + contractAddress, String.valueOf(result.message()));
		}
		if (result.returned() == null || "0x".equals(result.returned())) {
			throw ChainException.refused("eth_call to " + contractAddress, "no data returned (no FhirNotary contract at this address?)");
		}
		return result.returned();
	}
}
