package io.fhirnotary.server.support;

import io.fhirnotary.notary.chain.ChainException;
import io.fhirnotary.notary.chain.EthereumRpc;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One real Anvil node (Foundry's dev chain) per test JVM, on a free port, stopped when the JVM
 * exits; the shared server context anchors on it. It keeps its chain in a state file
 * ({@code --state}), so a test can {@link #stop()} it and {@link #restart()} it on the same port
 * with the same blocks, contract and anchors (the chain-down tests). Never mocked, never skipped: without an
 * {@code anvil} binary on the PATH (or in {@code FHIRNOTARY_TEST_ANVIL}) the tests fail and say
 * how to install it.
 */
public final class AnvilTestChain {

	public static final long CHAIN_ID = 31337;

	/**
	 * Dev fixture, not a secret: the second account of Anvil's public default test mnemonic
	 * ("test test ... junk"), funded on every fresh Anvil chain.
	 */
	public static final String NOTARY_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

	private static AnvilTestChain shared;

	private final Path binary;
	private final int port;
	private final Path stateFile;
	private Process process;

	private AnvilTestChain(Path binary, int port, Path stateFile) {
		this.binary = binary;
		this.port = port;
		this.stateFile = stateFile;
	}

	public static synchronized AnvilTestChain shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop-test-anvil"));
		}
		return shared;
	}

	public String rpcUrl() {
		return "http://127.0.0.1:" + port;
	}

	private static AnvilTestChain start() {
		try {
			Path state = Files.createTempFile("server-anvil-state-", ".json");
			Files.delete(state); // anvil starts a fresh chain when the file does not exist
			state.toFile().deleteOnExit();
			AnvilTestChain chain = new AnvilTestChain(findBinary(), freePort(), state);
			chain.restart();
			return chain;
		} catch (IOException e) {
			throw new IllegalStateException("no state file for anvil: " + e.getMessage(), e);
		}
	}

	/** Starts the node (again) on its port, from the state it dumped when it was stopped. */
	public synchronized void restart() {
		if (running()) {
			return;
		}
		try {
			Path log = Files.createTempFile("server-anvil-", ".log");
			log.toFile().deleteOnExit();
			process = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
					"--chain-id", Long.toString(CHAIN_ID), "--state", stateFile.toString())
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
			awaitReady(log);
		} catch (IOException e) {
			throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
		}
	}

	/** Stops the node (SIGTERM: it dumps its state to the state file first). */
	public synchronized void stop() {
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		process = null;
	}

	public synchronized boolean running() {
		return process != null && process.isAlive();
	}

	private void awaitReady(Path log) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("anvil exited at start:\n" + Files.readString(log));
			}
			try (EthereumRpc rpc = EthereumRpc.connect(rpcUrl())) {
				if (rpc.chainId() == CHAIN_ID) {
					return;
				}
			} catch (ChainException notYet) {
				// still starting
			}
			try {
				Thread.sleep(100);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
		throw new IllegalStateException("anvil did not answer on " + rpcUrl() + " within 30 s:\n" + Files.readString(log));
	}

	private static Path findBinary() {
		String configured = System.getenv("FHIRNOTARY_TEST_ANVIL");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "anvil");
			if (Files.isExecutable(candidate)) {
				return nativeBinary(candidate);
			}
		}
		throw new IllegalStateException("The server tests anchor on a real Anvil node and found no 'anvil' on the PATH. "
				+ "Install it with: npm install -g @foundry-rs/anvil@1.7.1 (or run .ci/run), "
				+ "or point FHIRNOTARY_TEST_ANVIL at the binary.");
	}

	/** npm's {@code anvil} is a Node wrapper; run the platform binary it ships so stopping really stops it. */
	private static Path nativeBinary(Path onPath) {
		try {
			Path real = onPath.toRealPath();
			if (!real.getFileName().toString().endsWith(".mjs")) {
				return real;
			}
			Path packages = real.getParent().resolve("node_modules/@foundry-rs");
			if (Files.isDirectory(packages)) {
				try (var platforms = Files.list(packages)) {
					return platforms.map(platform -> platform.resolve("bin/anvil")).filter(Files::isExecutable).findFirst()
							.orElse(onPath);
				}
			}
			return onPath;
		} catch (IOException e) {
			return onPath;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new IllegalStateException("no free port for anvil", e);
		}
	}
}
