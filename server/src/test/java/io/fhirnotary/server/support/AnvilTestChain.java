package io.fhirnotary.server.support;

import io.fhirnotary.testkit.AnvilProcess;

/**
 * The real Anvil node the shared server context anchors on, one per test JVM. It keeps its chain
 * across {@link #stop()} and {@link #restart()} (same port, blocks, contract and anchors), which
 * the chain-down tests rely on.
 */
public final class AnvilTestChain {

	public static final long CHAIN_ID = AnvilProcess.CHAIN_ID;

	/**
	 * Dev fixture, not a secret: the second account of Anvil's public default test mnemonic
	 * ("test test ... junk"), funded on every fresh Anvil chain.
	 */
	public static final String NOTARY_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

	private static AnvilTestChain shared;

	private final AnvilProcess process;

	private AnvilTestChain(AnvilProcess process) {
		this.process = process;
	}

	public static synchronized AnvilTestChain shared() {
		if (shared == null) {
			shared = new AnvilTestChain(AnvilProcess.withState());
		}
		return shared;
	}

	public String rpcUrl() {
		return process.rpcUrl();
	}

	/** Starts the node again on its port, from the chain it dumped when it was stopped. */
	public void restart() {
		process.start();
	}

	/** Stops the node (SIGTERM: it dumps its chain to its state file first). */
	public void stop() {
		process.stop();
	}

	public boolean running() {
		return process.running();
	}
}
