package io.fhirnotary.notary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;

class SigningKeysTests {

	private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

	@TempDir
	Path dir;

	@Test
	void keystoreWithPasswordFileGivesTheSameAccountAsItsKey() throws Exception {
		Credentials expected = SigningKeys.fromPrivateKey(KEY);
		String file = WalletUtils.generateWalletFile("correct horse", expected.getEcKeyPair(), dir.toFile(), false);
		Path password = Files.writeString(dir.resolve("password.txt"), "correct horse\n");
		Credentials loaded = SigningKeys.fromKeystore(dir.resolve(file), password);
		assertThat(loaded.getAddress()).isEqualTo(expected.getAddress());

		Path wrong = Files.writeString(dir.resolve("wrong.txt"), "battery staple\n");
		assertThatThrownBy(() -> SigningKeys.fromKeystore(dir.resolve(file), wrong))
				.hasMessageContaining("wrong password").hasMessageNotContaining("battery");
	}

	@Test
	void settingsLoadTheKeystoreWhenOneIsConfigured() throws Exception {
		ECKeyPair pair = SigningKeys.fromPrivateKey(KEY).getEcKeyPair();
		String file = WalletUtils.generateWalletFile("pw", pair, dir.toFile(), false);
		Path password = Files.writeString(dir.resolve("pw.txt"), "pw");
		NotaryChainSettings settings = new NotaryChainSettings("http://127.0.0.1:8545", 31337, "0x" + "11".repeat(20), false,
				dir.resolve(file), password, null, 100, Duration.ofSeconds(10), 12);
		assertThat(SigningKeys.load(settings).getAddress()).isEqualTo(SigningKeys.fromPrivateKey(KEY).getAddress());
		assertThat(settings.toString()).doesNotContain(KEY.substring(2));
	}

	@Test
	void aMalformedPrivateKeyIsRefusedWithoutEchoingIt() {
		assertThatThrownBy(() -> SigningKeys.fromPrivateKey("0x1234secret")).hasMessageNotContaining("secret")
				.hasMessageContaining("32 bytes of hex");
	}

	@Test
	void settingsRequireExactlyOneKeySourceAndAContractOrDeployIfMissing() {
		Duration interval = Duration.ofSeconds(10);
		assertThatThrownBy(() -> new NotaryChainSettings("http://x", 1, null, false, null, null, KEY, 1, interval, 1))
				.hasMessageContaining("deploy-if-missing");
		assertThatThrownBy(() -> new NotaryChainSettings("http://x", 1, null, true, null, null, null, 1, interval, 1))
				.hasMessageContaining("exactly one");
		assertThatThrownBy(() -> new NotaryChainSettings("http://x", 1, null, true, Path.of("k"), null, null, 1, interval, 1))
				.hasMessageContaining("keystore-password-file");
		assertThatThrownBy(() -> new NotaryChainSettings("http://x", 1, null, true, null, null, KEY, 0, interval, 1))
				.hasMessageContaining("batch-size");
		assertThat(new NotaryChainSettings("http://x", 1, null, true, null, null, KEY, 1, interval, 1).toString())
				.doesNotContain(KEY.substring(2)).contains("privateKey=(set)");
	}
}
