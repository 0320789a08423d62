package io.fhirnotary.server.notary;

import io.fhirnotary.notary.anchor.NotaryNode;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs this server node's {@link NotaryNode} — the leader lease and the anchorer ticking on a
 * background thread of its own — while the application runs, and stops it (releasing the lease)
 * on shutdown. A chain that is down at start-up delays anchoring only: the node keeps trying, with
 * back-off up to 30 s, while writes go on into the outbox.
 */
final class NotaryNodeLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotaryNodeLifecycle.class);

	private final DataSource dataSource;
	private final NotaryChainSettings settings;
	private final Duration tickPeriod;
	private final String nodeId;
	private volatile NotaryNode node;

	/** @param settings null when no chain is configured: nothing runs, rows wait in the outbox */
	NotaryNodeLifecycle(DataSource dataSource, NotaryChainSettings settings, Duration tickPeriod) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.tickPeriod = tickPeriod;
		this.nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Override
	public synchronized void start() {
		if (node != null) {
			return;
		}
		if (settings == null) {
			log.warn("Notary: no fhirnotary.notary.rpc-url configured; versions are captured in the outbox but not anchored");
			return;
		}
		NotaryNode started = new NotaryNode(dataSource, settings, nodeId);
		started.start(tickPeriod);
		node = started;
		log.info("Notary anchorer started as node {} ({}, tick every {} ms)", nodeId, settings, tickPeriod.toMillis());
	}

	@Override
	public synchronized void stop() {
		NotaryNode running = node;
		node = null;
		if (running != null) {
			running.close();
			log.info("Notary anchorer stopped (node {})", nodeId);
		}
	}

	@Override
	public boolean isRunning() {
		return node != null;
	}

	boolean running() {
		return node != null;
	}

	/** The contract in use once the node is connected to the chain. */
	Optional<String> contractAddress() {
		NotaryNode running = node;
		return running == null ? Optional.empty() : running.chain().map(NotaryContractClient::contractAddress);
	}

	String nodeId() {
		return nodeId;
	}

	/** Runs one anchorer tick now (tests and operators who do not want to wait for the next one). */
	Optional<io.fhirnotary.notary.anchor.Anchorer.TickResult> tickNow() throws java.sql.SQLException {
		NotaryNode running = node;
		return running == null ? Optional.empty() : Optional.of(running.tick());
	}
}
