package io.fhirnotary.notary.chain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the notary reaches the chain and how often it anchors. Plain values; the server binds them
 * from the {@code fhirnotary.notary.*} properties of DESIGN §10 (names in each component's comment).
 *
 * @param rpcUrl {@code rpc-url}: any Ethereum JSON-RPC endpoint (HTTP)
 * @param chainId {@code chain-id}: checked against the endpoint and bound into every signature (EIP-155)
 * @param contractAddress {@code contract-address}: the FhirNotary contract, or null when it is to be deployed
 * @param deployIfMissing {@code deploy-if-missing}: deploy a contract when none is configured or no code
 *        is at the address (dev and test chains only)
 * @param keystore {@code keystore}: a web3j/Ethereum keystore (UTF-8 JSON) holding the notary's key
 * @param keystorePasswordFile {@code keystore-password-file}: its password, the file's first line
 * @param privateKey {@code private-key}: the key as hex instead of a keystore (dev/test, from the environment)
 * @param batchSize {@code batch-size}: the most leaves in one tree
 * @param batchInterval {@code batch-interval}: how long pending versions may wait for a batch to fill
 * @param confirmations {@code confirmations}: blocks on top of an anchor's block before it is final
 */
public record NotaryChainSettings(String rpcUrl, long chainId, String contractAddress, boolean deployIfMissing,
		Path keystore, Path keystorePasswordFile, String privateKey, int batchSize, Duration batchInterval,
		int confirmations) {

	public static final int DEFAULT_BATCH_SIZE = 10_000;
	public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofSeconds(10);
	public static final int DEFAULT_CONFIRMATIONS = 12;

	public NotaryChainSettings {
		Objects.requireNonNull(rpcUrl, "rpc-url");
		if (chainId <= 0) {
			throw new IllegalArgumentException("chain-id must be positive");
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batch-size must be at least 1");
		}
		if (batchInterval == null || batchInterval.isNegative() || batchInterval.isZero()) {
			throw new IllegalArgumentException("batch-interval must be positive");
		}
		if (confirmations < 1) {
			throw new IllegalArgumentException("confirmations must be at least 1");
		}
		if (contractAddress != null && contractAddress.isBlank()) {
			contractAddress = null;
		}
		if (contractAddress == null && !deployIfMissing) {
			throw new IllegalArgumentException("contract-address is required unless deploy-if-missing is set");
		}
		boolean hasKeystore = keystore != null;
		boolean hasPrivateKey = privateKey != null && !privateKey.isBlank();
		if (hasKeystore == hasPrivateKey) {
			throw new IllegalArgumentException("give exactly one of keystore (with keystore-password-file) or private-key");
		}
		if (hasKeystore && keystorePasswordFile == null) {
			throw new IllegalArgumentException("keystore-password-file is required with keystore");
		}
	}

	/** Settings for a dev or test chain: a hex key, the defaults for batching, one confirmation. */
	public static NotaryChainSettings forDevChain(String rpcUrl, long chainId, String contractAddress, String privateKey) {
		return new NotaryChainSettings(rpcUrl, chainId, contractAddress, contractAddress == null, null, null, privateKey,
				DEFAULT_BATCH_SIZE, DEFAULT_BATCH_INTERVAL, 1);
	}

	public NotaryChainSettings withContractAddress(String address) {
		return new NotaryChainSettings(rpcUrl, chainId, address, deployIfMissing, keystore, keystorePasswordFile,
				privateKey, batchSize, batchInterval, confirmations);
	}

	@Override
	public String toString() {
		// never print the key
		return "NotaryChainSettings[rpcUrl=" + rpcUrl + ", chainId=" + chainId + ", contractAddress=" + contractAddress
				+ ", deployIfMissing=" + deployIfMissing + ", keystore=" + keystore + ", privateKey="
				+ (privateKey == null ? "none" : "(set)") + ", batchSize=" + batchSize + ", batchInterval=" + batchInterval
				+ ", confirmations=" + confirmations + "]";
	}
}
