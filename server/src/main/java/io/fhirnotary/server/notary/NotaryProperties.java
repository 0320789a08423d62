package io.fhirnotary.server.notary;

import io.fhirnotary.notary.chain.NotaryChainSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code fhirnotary.notary.*} (DESIGN §10). Capture into the outbox runs in protected
 * mode unless {@code enabled} is false; anchoring starts only when {@code rpc-url} is set (without it rows wait
 * in the outbox, which the start-up log says).
 *
 * @param rpcUrl                any Ethereum JSON-RPC endpoint (HTTP)
 * @param chainId               checked against the endpoint, bound into every signature
 * @param contractAddress       the FhirNotary contract; blank with {@code deployIfMissing}
 * @param deployIfMissing       deploy a contract when none is configured (dev and test chains)
 * @param keystore              Ethereum V3 keystore file holding the notary's key
 * @param keystorePasswordFile  its password, the file's first line
 * @param privateKey            the key as hex, for dev/test from the environment only
 * @param batchSize             the most versions in one anchored tree
 * @param batchInterval         how long pending versions may wait for a batch to fill
 * @param confirmations         blocks on top of an anchor before it is final
 * @param reverifyInterval      how often every stored version is re-verified; null or zero: never
 * @param enabled               false: no notary at all in protected mode (read by {@link NotaryEnabledCondition})
 */
@ConfigurationProperties(prefix = "fhirnotary.notary")
public record NotaryProperties(
		String rpcUrl,
		Long chainId,
		String contractAddress,
		boolean deployIfMissing,
		Path keystore,
		Path keystorePasswordFile,
		String privateKey,
		Integer batchSize,
		Duration batchInterval,
		Integer confirmations,
		Duration reverifyInterval,
		Boolean enabled) {

	/** The chain settings, or empty when no RPC endpoint is configured (capture only, no anchoring). */
	public Optional<NotaryChainSettings> chainSettings() {
		if (rpcUrl == null || rpcUrl.isBlank()) {
			return Optional.empty();
		}
		if (chainId == null) {
			throw new IllegalArgumentException("fhirnotary.notary.chain-id is required with rpc-url");
		}
		return Optional.of(new NotaryChainSettings(
				rpcUrl.strip(),
				chainId,
				contractAddress,
				deployIfMissing,
				keystore,
				keystorePasswordFile,
				privateKey,
				batchSize == null ? NotaryChainSettings.DEFAULT_BATCH_SIZE : batchSize,
				batchInterval == null ? NotaryChainSettings.DEFAULT_BATCH_INTERVAL : batchInterval,
				confirmations == null ? NotaryChainSettings.DEFAULT_CONFIRMATIONS : confirmations));
	}

	/** How often the anchorer ticks: often enough that a batch waits about {@code batch-interval}. */
	Duration tickPeriod() {
		Duration interval = batchInterval == null ? NotaryChainSettings.DEFAULT_BATCH_INTERVAL : batchInterval;
		Duration quarter = interval.dividedBy(4);
		return quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100)
				: quarter.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : quarter;
	}

	@Override
	public String toString() {
		// never print the key
		return "NotaryProperties[rpcUrl=" + rpcUrl + ", chainId=" + chainId + ", contractAddress=" + contractAddress
				+ ", deployIfMissing=" + deployIfMissing + ", keystore=" + keystore + ", privateKey="
				+ (privateKey == null || privateKey.isBlank() ? "none" : "(set)") + "]";
	}
}
