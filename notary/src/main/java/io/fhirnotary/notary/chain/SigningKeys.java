package io.fhirnotary.notary.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/** Loads the notary's signing key: from a keystore + password file, or from a hex key (dev/test). */
public final class SigningKeys {

	private SigningKeys() {
	}

	public static Credentials load(NotaryChainSettings settings) {
		if (settings.keystore() != null) {
			return fromKeystore(settings.keystore(), settings.keystorePasswordFile());
		}
		return fromPrivateKey(settings.privateKey());
	}

	/** The password is the password file's first line, without its line break. */
	public static Credentials fromKeystore(Path keystore, Path passwordFile) {
		try {
			String password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
			return WalletUtils.loadCredentials(password, keystore.toFile());
		} catch (CipherException e) {
			throw new IllegalStateException("cannot decrypt the notary keystore " + keystore + " (wrong password?)");
		} catch (IOException e) {
			throw new IllegalStateException("cannot read the notary keystore " + keystore + " or its password file: "
					+ e.getClass().getSimpleName());
		}
	}

	public static Credentials fromPrivateKey(String hex) {
		String digits = hex.strip().startsWith("0x") ? hex.strip().substring(2) : hex.strip();
		if (!digits.matches("[0-9a-fA-F]{64}")) {
			// do not echo the value: it may be a mistyped key
			throw new IllegalArgumentException("the notary private key must be 32 bytes of hex");
		}
		return Credentials.create(digits);
	}
}
