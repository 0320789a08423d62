package io.fhirnotary.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Anvil process (Foundry's dev chain) on a port of its own, for integration tests. Never a
 * mock and never skipped: without an {@code anvil} binary on the PATH (or in
 * {@code FHIRNOTARY_TEST_ANVIL}) it fails and says how to install one.
 *
 * <p>With a state file ({@link #withState()}) the node dumps its chain when stopped and loads it
 * when started again on the same port, so a test can take the chain down and bring the same blocks,
 * contract and anchors back. Each instance is stopped when the JVM exits.
 *
 * <p>Talks to the node only to see that it is up ({@code eth_chainId}), over plain HTTP, so that it
 * needs none of the project's chain client; the modules' wrappers add what their tests call.
 */
public final class AnvilProcess {

	/** Anvil's default chain id, which every fresh node uses. */
	public static final long CHAIN_ID = 31337;

	private static final Duration START_LIMIT = Duration.ofSeconds(30);

	private final Path binary;
	private final int port;
	private final Path stateFile;
	private Process process;

	private AnvilProcess(Path binary, int port, Path stateFile) {
		this.binary = binary;
		this.port = port;
		this.stateFile = stateFile;
	}

	/** A node that forgets its chain when stopped. Started; stopped at JVM exit. */
	public static AnvilProcess ephemeral() {
		return started(new AnvilProcess(findBinary(), freePort(), null));
	}

	/** A node that keeps its chain across {@link #stop()} and {@link #start()}. Started; stopped at JVM exit. */
	public static AnvilProcess withState() {
		try {
			Path state = Files.createTempFile("anvil-state-", ".json");
			Files.delete(state); // anvil starts a fresh chain when the file does not exist yet
			state.toFile().deleteOnExit();
			return started(new AnvilProcess(findBinary(), freePort(), state));
		} catch (IOException e) {
			throw new IllegalStateException("no state file for anvil: " + e.getMessage(), e);
		}
	}

	private static AnvilProcess started(AnvilProcess node) {
		node.start();
		Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "stop-anvil-" + node.port));
		return node;
	}

	public String rpcUrl() {
		return "http://127.0.0.1:" + port;
	}

	public synchronized boolean running() {
		return process != null && process.isAlive();
	}

	/** Starts the node (again, from its state file if it has one); returns once it answers. */
	public synchronized void start() {
		if (running()) {
			return;
		}
		try {
			Path log = Files.createTempFile("anvil-", ".log");
			log.toFile().deleteOnExit();
			List<String> command = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1", "--port",
					Integer.toString(port), "--chain-id", Long.toString(CHAIN_ID)));
			if (stateFile != null) {
				command.addAll(List.of("--state", stateFile.toString()));
			}
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			awaitReady(log);
		} catch (IOException e) {
			throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
		}
	}

	/** Stops the node (SIGTERM, so that a node with a state file dumps its chain first). */
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
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + START_LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("anvil exited at start:\n" + Files.readString(log));
			}
			if (answersWithChainId(http)) {
				return;
			}
			try {
				Thread.sleep(100);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
		throw new IllegalStateException("anvil did not answer on " + rpcUrl() + " within " + START_LIMIT.toSeconds()
				+ " s:\n" + Files.readString(log));
	}

	private boolean answersWithChainId(HttpClient http) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
				.timeout(Duration.ofSeconds(2))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
				.build();
		try {
			String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			return body.replace(" ", "").contains("\"result\":\"0x" + Long.toHexString(CHAIN_ID) + "\"");
		} catch (IOException notYet) {
			return false; // still starting
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
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
		throw new IllegalStateException("These tests need a real Anvil node and found no 'anvil' on the PATH. "
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
			if (!Files.isDirectory(packages)) {
				return onPath;
			}
			try (Stream<Path> platforms = Files.list(packages)) {
				return platforms.map(platform -> platform.resolve("bin/anvil"))
						.filter(Files::isExecutable)
						.findFirst()
						.orElse(onPath);
			}
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
