package io.fhirnotary.server.notary;

import io.fhirnotary.notary.chain.ChainException;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read access to the chain for the auditor operations: an RPC connection of its own (the anchorer's
 * is busy on its own thread), opened on first use. Absent when no {@code rpc-url} is configured.
 */
final class NotaryChain implements AutoCloseable {

	private final NotaryChainSettings settings;
	private EthereumRpc rpc;

	NotaryChain(NotaryChainSettings settings) {
		this.settings = settings;
	}

	/** The RPC endpoint; empty when none is configured. */
	synchronized Optional<EthereumRpc> rpc() {
		if (settings == null) {
			return Optional.empty();
		}
		if (rpc == null) {
			rpc = EthereumRpc.connect(settings.rpcUrl());
		}
		return Optional.of(rpc);
	}

	/** The chain's head block, empty when there is no endpoint or it does not answer. */
	OptionalLong head() {
		try {
			Optional<EthereumRpc> endpoint = rpc();
			return endpoint.isPresent() ? OptionalLong.of(endpoint.get().blockNumber()) : OptionalLong.empty();
		} catch (ChainException e) {
			return OptionalLong.empty();
		}
	}

	Optional<NotaryChainSettings> settings() {
		return Optional.ofNullable(settings);
	}

	@Override
	public synchronized void close() {
		if (rpc != null) {
			rpc.close();
			rpc = null;
		}
	}
}
