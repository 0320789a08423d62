package io.fhirnotary.notary.support;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.testkit.AnvilProcess;
import java.util.List;
import org.web3j.protocol.core.methods.response.VoidResponse;

/**
 * A real Anvil node for the notary tests ({@link AnvilProcess}), with the chain calls they make:
 * the module's own RPC client, reorganisations and mining on demand.
 */
public final class AnvilNode {

	public static final long CHAIN_ID = AnvilProcess.CHAIN_ID;

	// Dev fixtures, not secrets: the first accounts of Anvil's public default test mnemonic
	// ("test test ... junk"), funded on every fresh Anvil chain.
	public static final String OWNER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
	public static final String NOTARY_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
	public static final String OUTSIDER_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

	private static AnvilNode shared;

	private final AnvilProcess process;

	private AnvilNode(AnvilProcess process) {
		this.process = process;
	}

	/**
	 * A node of its own, for tests that stop and restart the chain: it keeps its state across
	 * restarts and stays on the same port. Stopped at JVM exit.
	 */
	public static AnvilNode dedicated() {
		return new AnvilNode(AnvilProcess.withState());
	}

	/** The node most tests share, one per test JVM. */
	public static synchronized AnvilNode shared() {
		if (shared == null) {
			shared = new AnvilNode(AnvilProcess.ephemeral());
		}
		return shared;
	}

	public String rpcUrl() {
		return process.rpcUrl();
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

	/** Mines blocks on top of the head (Anvil mines one block per transaction by itself). */
	public void mine(int blocks) {
		try (EthereumRpc rpc = rpc()) {
			rpc.request("anvil_mine", List.of("0x" + Integer.toHexString(blocks)), VoidResponse.class);
		}
	}

	public boolean running() {
		return process.running();
	}

	public void start() {
		process.start();
	}

	public void stop() {
		process.stop();
	}
}
