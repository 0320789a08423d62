package io.fhirnotary.notary.chain;

import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Talks to one FhirNotary contract for one signing key: deploy, manage notaries, sign and broadcast
 * anchors, read anchors and follow transactions.
 *
 * <p>Signing and broadcasting are separate on purpose: {@link #signAnchor} returns the raw signed
 * bytes for an explicit nonce without touching the network, so an anchorer can persist them before
 * {@link #broadcast} and send exactly the same transaction again after a crash.
 */
public final class NotaryContractClient {

	/** A first anchor costs about 46k gas (one storage slot, one event); the limit leaves room. */
	public static final BigInteger ANCHOR_GAS_LIMIT = BigInteger.valueOf(100_000);
	static final BigInteger ADMIN_GAS_LIMIT = BigInteger.valueOf(100_000);
	static final BigInteger DEPLOY_GAS_LIMIT = BigInteger.valueOf(1_500_000);

	private final EthereumRpc rpc;
	private final long chainId;
	private final Credentials credentials;
	private final String contractAddress;

	public NotaryContractClient(EthereumRpc rpc, long chainId, Credentials credentials, String contractAddress) {
		this.rpc = rpc;
		this.chainId = chainId;
		this.credentials = credentials;
		this.contractAddress = contractAddress == null ? null : contractAddress.toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Connects as the settings say: checks the endpoint's chain id and, when no contract is
	 * configured or none is deployed at the address and {@code deploy-if-missing} is set, deploys one.
	 */
	public static NotaryContractClient connect(EthereumRpc rpc, NotaryChainSettings settings) {
		long remoteChainId = rpc.chainId();
		if (remoteChainId != settings.chainId()) {
			throw new IllegalStateException("the endpoint serves chain " + remoteChainId + ", configured chain-id is "
					+ settings.chainId());
		}
		Credentials credentials = SigningKeys.load(settings);
		String address = settings.contractAddress();
		boolean deployed = address != null && !"0x".equals(rpc.code(address));
		if (!deployed) {
			if (!settings.deployIfMissing()) {
				throw new IllegalStateException("no contract code at " + address + " on chain " + remoteChainId
						+ " (set deploy-if-missing on dev chains)");
			}
			address = new NotaryContractClient(rpc, remoteChainId, credentials, null).deploy();
		}
		return new NotaryContractClient(rpc, remoteChainId, credentials, address);
	}

	public String contractAddress() {
		return contractAddress;
	}

	public String signerAddress() {
		return credentials.getAddress();
	}

	public long chainId() {
		return chainId;
	}

	public EthereumRpc rpc() {
		return rpc;
	}

	/** Deploys a new FhirNotary (the signer becomes owner and first notary) and waits for it. */
	public String deploy() {
		SignedTransaction signed = sign(null, FhirNotaryAbi.deploymentBytecode(), DEPLOY_GAS_LIMIT, rpc.pendingNonce(signerAddress()),
				TransactionFees.current(rpc));
		rpc.sendRawTransaction(signed.rawHex(), signed.hash());
		TransactionReceipt receipt = awaitReceipt(signed.hash());
		if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
			throw new IllegalStateException("deploying FhirNotary failed in transaction " + signed.hash());
		}
		return receipt.getContractAddress().toLowerCase(java.util.Locale.ROOT);
	}

	/** Owner only; waits until mined. @return the transaction's status (reverted if the signer is not the owner) */
	public TransactionStatus addNotary(String address) {
		return sendAndWait(FhirNotaryAbi.addNotary(address));
	}

	/** Owner only; waits until mined. */
	public TransactionStatus removeNotary(String address) {
		return sendAndWait(FhirNotaryAbi.removeNotary(address));
	}

	public boolean isNotary(String address) {
		return reader().isNotary(address);
	}

	public String owner() {
		return reader().owner();
	}

	/** The next nonce of the signer, counting transactions still pending. */
	public BigInteger nextNonce() {
		return rpc.pendingNonce(signerAddress());
	}

	/** Signs {@code anchor(root, leafCount)} with the given nonce and fees. No network access. */
	public SignedTransaction signAnchor(byte[] root, long leafCount, BigInteger nonce, TransactionFees fees) {
		return sign(requireContract(), FhirNotaryAbi.anchor(root, leafCount), ANCHOR_GAS_LIMIT, nonce, fees);
	}

	/** Sends a signed transaction; sending one the node already knows is not an error. */
	public String broadcast(SignedTransaction transaction) {
		return rpc.sendRawTransaction(transaction.rawHex(), transaction.hash());
	}

	/** What {@code anchor(root, leafCount)} would do now for the signer: empty if it would succeed, else the error. */
	public Optional<String> simulateAnchor(byte[] root, long leafCount) {
		EthereumRpc.CallResult result = rpc.call(signerAddress(), requireContract(), FhirNotaryAbi.anchor(root, leafCount));
		if (!result.reverted()) {
			return Optional.empty();
		}
		return Optional.of(FhirNotaryAbi.describeRevert(result.revertData()).orElse(String.valueOf(result.message())));
	}

	/** The anchor of a root, empty when the contract never anchored it. */
	public Optional<AnchorRecord> readAnchor(byte[] root) {
		return reader().readAnchor(root);
	}

	/** The transaction as mined now, empty while it is pending or unknown (e.g. dropped by a reorg). */
	public Optional<TransactionStatus> status(String transactionHash) {
		return reader().status(transactionHash);
	}

	public ContractReader reader() {
		return new ContractReader(rpc, requireContract());
	}

	public long chainHead() {
		return rpc.blockNumber();
	}

	/** Polls for a receipt for up to 60 s: for admin calls and deployment, not for anchoring. */
	public TransactionReceipt awaitReceipt(String transactionHash) {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			Optional<TransactionReceipt> receipt = rpc.receipt(transactionHash);
			if (receipt.isPresent() && receipt.get().getBlockNumberRaw() != null) {
				return receipt.get();
			}
			try {
				Thread.sleep(100);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for " + transactionHash, e);
			}
		}
		throw new IllegalStateException("transaction " + transactionHash + " was not mined within 60 s");
	}

	private TransactionStatus sendAndWait(String data) {
		SignedTransaction signed = sign(requireContract(), data, ADMIN_GAS_LIMIT, nextNonce(), TransactionFees.current(rpc));
		broadcast(signed);
		awaitReceipt(signed.hash());
		return status(signed.hash()).orElseThrow();
	}

	private SignedTransaction sign(String to, String data, BigInteger gasLimit, BigInteger nonce, TransactionFees fees) {
		RawTransaction raw;
		byte[] signed;
		if (fees.eip1559()) {
			raw = RawTransaction.createTransaction(chainId, nonce, gasLimit, to == null ? "" : to, BigInteger.ZERO, data,
					fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
			signed = TransactionEncoder.signMessage(raw, credentials);
		} else {
			raw = to == null ? RawTransaction.createContractTransaction(nonce, fees.legacyGasPrice(), gasLimit, BigInteger.ZERO, data)
					: RawTransaction.createTransaction(nonce, fees.legacyGasPrice(), gasLimit, to, data);
			signed = TransactionEncoder.signMessage(raw, chainId, credentials);
		}
		return new SignedTransaction(nonce, Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
	}

	private String requireContract() {
		if (contractAddress == null) {
			throw new IllegalStateException("no contract address: deploy first");
		}
		return contractAddress;
	}
}
