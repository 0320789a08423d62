package io.fhirnotary.notary.support;

import io.fhirnotary.notary.chain.ChainException;
import io.fhirnotary.notary.chain.EthereumRpc;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.core.methods.response.VoidResponse;

/**
 * A real Anvil node (Foundry's dev chain) for the tests: started once per test JVM on a free port,
 * stopped when the JVM exits. Never mocked, never skipped: without an {@code anvil} binary on the
 * PATH (or in {@code FHIRNOTARY_TEST_ANVIL}) the tests fail and say how to install it.
 */
public final class AnvilNode {

	public static final long CHAIN_ID = 31337;

	// Dev fixtures, not secrets: the first accounts of Anvil's public default test mnemonic
	// ("test test ... junk"), funded on every fresh Anvil chain.
	public static final String OWNER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
	public static final String NOTARY_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
	public static final String OUTSIDER_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

	private static AnvilNode shared;

	private final Path binary;
	private final int port;
	private final Path stateFile;
	private Process process;

	private AnvilNode(Path binary, int port, Path stateFile) {
		this.binary = binary;
		this.port = port;
		this.stateFile = stateFile;
	}

	/**
	 * A node of its own, for tests that stop and restart the chain: it keeps its state in a file
	 * across restarts ({@code --state}) and stays on the same port. Stopped at JVM exit.
	 */
	public static AnvilNode dedicated() {
		try {
			Path state = Files.createTempFile("anvil-state-", ".json");
			Files.delete(state);
			state.toFile().deleteOnExit();
			AnvilNode node = new AnvilNode(findBinary(), freePort(), state);
			node.start();
			Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "stop-dedicated-anvil"));
			return node;
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	public static synchronized AnvilNode shared() {
		if (shared == null) {
			AnvilNode node = new AnvilNode(findBinary(), freePort(), null);
			node.start();
			Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "stop-anvil"));
			shared = node;
		}
		return shared;
	}

	public String rpcUrl() {
		return "http://127.0.0.1:" + port;
	}

	public EthereumRpc rpc() {
		return EthereumRpc.connect(rpcUrl());
	}

	/** Reorganises the chain: replaces the last {@code depth} blocks with empty ones. */
	public void reorg(int depth) {
		try (EthereumRpc rpc = rpc()) {
			rpc.request("anvil_reorg", List.of(depth, List.of()), VoidResponse.class);
		}
	}

	public boolean running() {
		return process != null && process.isAlive();
	}

	/** Mines blocks on top of the head (Anvil mines one block per transaction by itself). */
	public void mine(int blocks) {
		try (EthereumRpc rpc = rpc()) {
			rpc.request("anvil_mine", List.of("0x" + Integer.toHexString(blocks)), VoidResponse.class);
		}
	}

	public synchronized void start() {
		if (process != null && process.isAlive()) {
			return;
		}
		try {
			Path log = Files.createTempFile("anvil-", ".log");
			log.toFile().deleteOnExit();
			List<String> command = new java.util.ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1", "--port",
					Integer.toString(port), "--chain-id", Long.toString(CHAIN_ID)));
			if (stateFile != null) {
				command.addAll(List.of("--state", stateFile.toString()));
			}
			process = new ProcessBuilder(command)
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
			awaitReady(log);
		} catch (IOException e) {
			throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
		}
	}

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

	private void awaitReady(Path log) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("anvil exited at start:\n" + Files.readString(log));
			}
			try (EthereumRpc rpc = rpc()) {
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
		throw new IllegalStateException("The chain tests need a real Anvil node and found no 'anvil' on the PATH. "
				+ "Install it with: npm install -g @foundry-rs/anvil@1.7.1 (or run .ci/run), "
				+ "or point FHIRNOTARY_TEST_ANVIL at the binary.");
	}

	/**
	 * npm's {@code anvil} is a Node wrapper that spawns the platform binary shipped in a sibling
	 * package; running that binary directly means stopping the process really stops the node.
	 */
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
