package io.fhirnotary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PKCS#11 token for integration tests: a SoftHSM2 token initialised afresh once per test
 * JVM, with the SunPKCS11 configuration file and PIN file the server's {@code pkcs11} key provider
 * reads. Never a mock and never skipped: without SoftHSM2 it fails and says how to install it.
 *
 * <p>SoftHSM2 finds its token folder through the {@code SOFTHSM2_CONF} environment variable, read
 * when the library is first loaded into a process; a JVM cannot set its own environment, so the
 * build sets it for the test JVMs (the parent pom's surefire configuration) and this class writes
 * the file it names, before any provider loads the library.
 *
 * <p>Dev fixture: the PINs below protect nothing but this throw-away token.
 */
public final class SoftHsmToken {

	/** The token's user PIN (test fixture only). */
	public static final String USER_PIN = "fhir-notary-test-user-pin";
	private static final String SO_PIN = "fhir-notary-test-so-pin";
	private static final String LABEL = "fhir-notary-test";
	private static final List<String> LIBRARY_CANDIDATES = List.of(
			"/usr/lib/softhsm/libsofthsm2.so",
			"/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
			"/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
			"/usr/local/lib/softhsm/libsofthsm2.so");
	private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");
	private static final String INSTALL_HINT =
			" Install SoftHSM2 (Debian: apt-get install softhsm2, or run .ci/run).";

	private static SoftHsmToken shared;

	private final Path providerConfig;
	private final Path pinFile;

	private SoftHsmToken(Path providerConfig, Path pinFile) {
		this.providerConfig = providerConfig;
		this.pinFile = pinFile;
	}

	/** The test JVM's token, initialised on first use. */
	public static synchronized SoftHsmToken shared() {
		if (shared == null) {
			shared = initialise();
		}
		return shared;
	}

	/** SunPKCS11 configuration naming the library and the token's slot. */
	public Path providerConfig() {
		return providerConfig;
	}

	/** A file holding {@link #USER_PIN}. */
	public Path pinFile() {
		return pinFile;
	}

	private static SoftHsmToken initialise() {
		String conf = System.getenv("SOFTHSM2_CONF");
		if (conf == null || conf.isBlank()) {
			throw new IllegalStateException("SOFTHSM2_CONF is not set for this JVM: run the tests through Maven"
					+ " (the parent pom sets it for surefire), or set it to a file path this fixture may write.");
		}
		Path library = library();
		try {
			Path confFile = Path.of(conf).toAbsolutePath();
			Path home = confFile.getParent();
			Path tokens = home.resolve("tokens");
			deleteRecursively(tokens);
			Files.createDirectories(tokens);
			Files.writeString(confFile, "directories.tokendir = " + tokens + "\n"
					+ "objectstore.backend = file\n"
					+ "log.level = ERROR\n", StandardCharsets.UTF_8);
			String output = run(confFile, List.of("softhsm2-util", "--init-token", "--free", "--label", LABEL,
					"--pin", USER_PIN, "--so-pin", SO_PIN));
			Matcher slot = SLOT.matcher(output);
			if (!slot.find()) {
				throw new IllegalStateException("softhsm2-util did not say which slot the token got: " + output.strip());
			}
			Path providerConfig = home.resolve("sunpkcs11.cfg");
			Files.writeString(providerConfig, "name = FhirNotaryTest\n"
					+ "library = " + library + "\n"
					+ "slot = " + slot.group(1) + "\n"
					// keys generated in the token can be neither read out nor exported, as in an HSM
					+ "attributes(generate, CKO_SECRET_KEY, *) = {\n"
					+ "  CKA_SENSITIVE = true\n"
					+ "  CKA_EXTRACTABLE = false\n"
					+ "}\n", StandardCharsets.UTF_8);
			Path pinFile = home.resolve("user.pin");
			Files.writeString(pinFile, USER_PIN + "\n", StandardCharsets.UTF_8);
			return new SoftHsmToken(providerConfig, pinFile);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot set up a SoftHSM2 token under " + conf, e);
		}
	}

	private static Path library() {
		String configured = System.getenv("FHIRNOTARY_TEST_SOFTHSM_LIBRARY");
		List<String> candidates = new ArrayList<>();
		if (configured != null && !configured.isBlank()) {
			candidates.add(configured);
		}
		candidates.addAll(LIBRARY_CANDIDATES);
		for (String candidate : candidates) {
			if (Files.isReadable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		throw new IllegalStateException("These tests need SoftHSM2's PKCS#11 library and found none of " + candidates
				+ "." + INSTALL_HINT + " Or point FHIRNOTARY_TEST_SOFTHSM_LIBRARY at libsofthsm2.so.");
	}

	private static String run(Path confFile, List<String> command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("SOFTHSM2_CONF", confFile.toString());
		Process process;
		try {
			process = builder.start();
		} catch (IOException e) {
			throw new IllegalStateException("These tests need softhsm2-util on the PATH." + INSTALL_HINT, e);
		}
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("softhsm2-util failed: " + output.strip());
			}
			return output;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while initialising the SoftHSM2 token", e);
		}
	}

	private static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
