package io.fhirnotary.server.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code fhirnotary.crypto.*} (DESIGN §10). Read in protected mode only.
 *
 * @param keystore             PKCS#12 file with the key-encryption keys ({@code kek-<n>}) and the
 *                             blind-index key ({@code index-hmac-1}); empty: {@code <data-dir>/keys/fhirnotary.p12}
 *                             when {@code create-keystore} is on
 * @param keystorePasswordFile file holding the keystore password; empty: the keystore path + {@code .password}
 * @param primaryKek           KEK alias to wrap new data keys with; empty: the highest {@code kek-<n>}
 * @param createKeystore       create the keystore (and a random password file) when absent — dev
 *                             profile and tests only; production brings its own
 * @param dataKeyCacheSize     unwrapped data keys kept in memory (one per active patient)
 * @param rotationBatchSize    data keys re-wrapped per transaction during a KEK rotation
 */
@ConfigurationProperties(prefix = "fhirnotary.crypto")
public record CryptoProperties(
		String keystore,
		String keystorePasswordFile,
		String primaryKek,
		boolean createKeystore,
		int dataKeyCacheSize,
		int rotationBatchSize) {

	public CryptoProperties {
		if (dataKeyCacheSize <= 0) {
			dataKeyCacheSize = 20_000;
		}
		if (rotationBatchSize <= 0) {
			rotationBatchSize = 500;
		}
	}
}
