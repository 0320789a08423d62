package io.fhirnotary.server.crypto;

import java.util.Locale;
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
 * @param provider             where the KEKs and the index key live: {@code pkcs12} (default, the
 *                             keystore file above) or {@code pkcs11} (a token: the two settings below)
 * @param pkcs11Config         SunPKCS11 configuration file naming the token's library and slot
 * @param pkcs11PinFile        file holding the token's user PIN
 */
@ConfigurationProperties(prefix = "fhirnotary.crypto")
public record CryptoProperties(
		String keystore,
		String keystorePasswordFile,
		String primaryKek,
		boolean createKeystore,
		int dataKeyCacheSize,
		int rotationBatchSize,
		String provider,
		String pkcs11Config,
		String pkcs11PinFile) {

	public static final String PKCS12 = "pkcs12";
	public static final String PKCS11 = "pkcs11";

	public CryptoProperties {
		provider = provider == null || provider.isBlank() ? PKCS12 : provider.strip().toLowerCase(Locale.ROOT);
		if (!PKCS12.equals(provider) && !PKCS11.equals(provider)) {
			throw new IllegalArgumentException(
					"fhirnotary.crypto.provider must be " + PKCS12 + " or " + PKCS11 + ", not '" + provider + "'");
		}
		if (dataKeyCacheSize <= 0) {
			dataKeyCacheSize = 20_000;
		}
		if (rotationBatchSize <= 0) {
			rotationBatchSize = 500;
		}
	}
}
