package io.fhirnotary.notary.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The few JSON-RPC calls the notary needs, over any Ethereum endpoint. Every failure becomes a
 * {@link ChainException}: unreachable (retry later) or refused (the node answered with an error).
 */
public final class EthereumRpc implements AutoCloseable {

	private final HttpService service;
	private final Web3j web3j;

	private EthereumRpc(HttpService service) {
		this.service = service;
		this.web3j = Web3j.build(service);
	}

	public static EthereumRpc connect(String rpcUrl) {
		OkHttpClient client = new OkHttpClient.Builder()
				.connectTimeout(java.time.Duration.ofSeconds(5))
				.readTimeout(java.time.Duration.ofSeconds(30))
				.build();
		return new EthereumRpc(new HttpService(rpcUrl, client));
	}

	/** What an {@code eth_call} gave: the returned data, or the revert data when it reverted. */
	public record CallResult(boolean reverted, String returned, String revertData, String message) {
	}

	public long chainId() {
		return send("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
	}

	public long blockNumber() {
		return send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
	}

	/** The next nonce of an account counting transactions still in the mempool. */
	public BigInteger pendingNonce(String address) {
		return send("eth_getTransactionCount", web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING))
				.getTransactionCount();
	}

	/** The number of transactions of an account in mined blocks: its lowest unused nonce on chain. */
	public BigInteger minedNonce(String address) {
		return send("eth_getTransactionCount", web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST))
				.getTransactionCount();
	}

	/** The latest block's base fee, empty on chains without EIP-1559. */
	public Optional<BigInteger> latestBaseFee() {
		EthBlock.Block block = send("eth_getBlockByNumber", web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
				.getBlock();
		if (block == null || block.getBaseFeePerGasRaw() == null) {
			return Optional.empty();
		}
		return Optional.of(block.getBaseFeePerGas());
	}

	public BigInteger gasPrice() {
		return send("eth_gasPrice", web3j.ethGasPrice()).getGasPrice();
	}

	public BigInteger maxPriorityFeePerGas() {
		return send("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas();
	}

	/**
	 * Broadcasts a signed transaction. A node that already has it in its pool answers with an error
	 * that means success for us (the re-broadcast after a crash); those are returned as accepted.
	 *
	 * @return the transaction hash the node reports, or {@code expectedHash} when it already knew it
	 */
	public String sendRawTransaction(String signedHex, String expectedHash) {
		org.web3j.protocol.core.methods.response.EthSendTransaction response;
		try {
			response = web3j.ethSendRawTransaction(signedHex).send();
		} catch (IOException e) {
			throw ChainException.unreachable("eth_sendRawTransaction", e);
		}
		if (response.hasError()) {
			String message = response.getError().getMessage();
			String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
			if (lower.contains("already known") || lower.contains("known transaction") || lower.contains("already imported")) {
				return expectedHash;
			}
			throw ChainException.refused("eth_sendRawTransaction", message);
		}
		return response.getTransactionHash();
	}

	public Optional<TransactionReceipt> receipt(String transactionHash) {
		return send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(transactionHash)).getTransactionReceipt();
	}

	/** The hash of the canonical block at a height, empty above the head. */
	public Optional<String> blockHash(long number) {
		EthBlock.Block block = send("eth_getBlockByNumber",
				web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
		return Optional.ofNullable(block).map(EthBlock.Block::getHash);
	}

	public CallResult call(String from, String to, String data) {
		EthCall response;
		try {
			response = web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), DefaultBlockParameterName.LATEST).send();
		} catch (IOException e) {
			throw ChainException.unreachable("eth_call", e);
		}
		if (response.hasError()) {
			String revertData = response.getError().getData();
			if (revertData != null && revertData.startsWith("\"")) {
				revertData = revertData.replace("\"", "");
			}
			return new CallResult(true, null, revertData, response.getError().getMessage());
		}
		if (response.isReverted()) {
			return new CallResult(true, null, response.getValue(), response.getRevertReason());
		}
		return new CallResult(false, response.getValue(), null, null);
	}

	/** The code deployed at an address; {@code 0x} when there is none. */
	public String code(String address) {
		return send("eth_getCode", web3j.ethGetCode(address, DefaultBlockParameterName.LATEST)).getCode();
	}

	/** Any other method, e.g. Anvil's {@code anvil_mine} in tests. */
	public <T extends Response<?>> T request(String method, List<?> params, Class<T> responseType) {
		return send(method, new Request<>(method, params, service, responseType));
	}

	static String hex(byte[] bytes) {
		return Numeric.toHexString(bytes);
	}

	private static <T extends Response<?>> T send(String what, Request<?, T> request) {
		T response;
		try {
			response = request.send();
		} catch (IOException e) {
			throw ChainException.unreachable(what, e);
		}
		if (response.hasError()) {
			throw ChainException.refused(what, response.getError().getMessage());
		}
		return response;
	}

	@Override
	public void close() {
		web3j.shutdown();
	}
}
