package io.fhirnotary.server.crypto;

import io.fhirnotary.interceptors.crypto.KeyProvider;
import io.fhirnotary.interceptors.crypto.Pkcs11KeyStore;
import io.fhirnotary.interceptors.crypto.Pkcs12KeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds (and in the dev profile and tests, creates) the keys protected mode runs on: a PKCS#12
 * keystore file, or a PKCS#11 token with {@code fhirnotary.crypto.provider=pkcs11}.
 */
final class KeystoreLocation {

	private static final Logger log = LoggerFactory.getLogger(KeystoreLocation.class);

	private KeystoreLocation() {}

	static KeyProvider open(CryptoProperties properties, String dataDir) {
		return CryptoProperties.PKCS11.equals(properties.provider())
				? openToken(properties)
				: openKeystoreFile(properties, dataDir);
	}

	private static KeyProvider openToken(CryptoProperties properties) {
		if (blank(properties.pkcs11Config()) || blank(properties.pkcs11PinFile())) {
			throw new IllegalStateException("fhirnotary.crypto.provider=pkcs11 needs fhirnotary.crypto.pkcs11-config"
					+ " (a SunPKCS11 configuration file) and fhirnotary.crypto.pkcs11-pin-file");
		}
		try {
			Pkcs11KeyStore token = Pkcs11KeyStore.open(
					Path.of(properties.pkcs11Config()),
					Path.of(properties.pkcs11PinFile()),
					properties.primaryKek(),
					properties.createKeystore());
			log.info("{}: key-encryption keys {}, primary {}", token.description(), token.ids(), token.primary().id());
			return token;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot open the PKCS#11 token configured in " + properties.pkcs11Config(), e);
		}
	}

	private static KeyProvider openKeystoreFile(CryptoProperties properties, String dataDir) {
		Path keystore = blank(properties.keystore())
				? defaultKeystore(properties, dataDir)
				: Path.of(properties.keystore());
		Path passwordFile = blank(properties.keystorePasswordFile())
				? keystore.resolveSibling(keystore.getFileName() + ".password")
				: Path.of(properties.keystorePasswordFile());
		try {
			if (!Files.exists(keystore)) {
				if (!properties.createKeystore()) {
					throw new IllegalStateException("Keystore " + keystore + " does not exist; set fhirnotary.crypto.keystore"
							+ " and fhirnotary.crypto.keystore-password-file (or fhirnotary.crypto.create-keystore=true for development)");
				}
				Pkcs12KeyStore created = Pkcs12KeyStore.create(keystore, passwordFile);
				log.warn("Created a new keystore at {} (development keys: kek-1, index-hmac-1); production brings its own",
						keystore.toAbsolutePath());
				return created;
			}
			Pkcs12KeyStore store = Pkcs12KeyStore.open(keystore, passwordFile, properties.primaryKek());
			log.info("Keystore {}: key-encryption keys {}, primary {}", keystore.toAbsolutePath(), store.ids(), store.primary().id());
			return store;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot open keystore " + keystore, e);
		}
	}

	private static Path defaultKeystore(CryptoProperties properties, String dataDir) {
		if (!properties.createKeystore()) {
			throw new IllegalStateException("Protected mode encrypts at rest: set fhirnotary.crypto.keystore and"
					+ " fhirnotary.crypto.keystore-password-file (or fhirnotary.crypto.create-keystore=true for development)");
		}
		return Path.of(dataDir, "keys", "fhirnotary.p12");
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
