package io.fhirnotary.notary.anchor;

import io.fhirnotary.notary.chain.ChainException;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.chain.SigningKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notary as one server node runs it: connects to the chain when it can (a chain that is down at
 * start-up delays anchoring, never the server), finds or deploys the contract, and ticks the
 * {@link Anchorer}. With {@code deploy-if-missing} only the leader deploys, once per database and
 * chain ({@code fhirnotary_notary_contract}), so all nodes and restarts share one contract.
 */
public final class NotaryNode implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NotaryNode.class);
	static final long DEFAULT_LEASE_MILLIS = 15_000;
	/** Longest wait between attempts while the chain is down, and how often the outage is logged again. */
	static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
	static final Duration OUTAGE_REMINDER = Duration.ofMinutes(5);

	private final DataSource dataSource;
	private final NotaryChainSettings settings;
	private final LeaderLease lease;
	private final Clock clock;
	private EthereumRpc rpc;
	private volatile NotaryContractClient chain;
	private Anchorer anchorer;
	private ScheduledExecutorService scheduler;
	private ChainRetry retry = new ChainRetry(Duration.ofMillis(500), MAX_RETRY_DELAY, OUTAGE_REMINDER);

	public NotaryNode(DataSource dataSource, NotaryChainSettings settings, String nodeId) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.lease = new LeaderLease(dataSource, nodeId, DEFAULT_LEASE_MILLIS);
		this.clock = Clock.systemUTC();
	}

	/** The chain client once connected: for $verify, $notary-receipt and $notary-status. */
	public Optional<NotaryContractClient> chain() {
		return Optional.ofNullable(chain);
	}

	/** Connects if needed, then runs one anchorer tick (now, whatever the back-off). */
	public synchronized Anchorer.TickResult tick() throws SQLException {
		if (anchorer == null) {
			Optional<String> problem = connect();
			if (problem.isPresent()) {
				return new Anchorer.TickResult(false, 0, null, 0, "not connected to the chain yet: " + problem.get());
			}
		}
		Anchorer.TickResult result = anchorer.tick();
		if (result.chainUnreachable()) {
			retry.failed(clock.millis(), result.chainProblem());
		} else {
			retry.succeeded(clock.millis());
		}
		return result;
	}

	/** A scheduled tick: skipped while backing off from an unreachable chain. */
	private synchronized void scheduledTick() throws SQLException {
		if (retry.due(clock.millis())) {
			tick();
		}
	}

	public synchronized void start(Duration period) {
		if (scheduler != null) {
			return;
		}
		retry = new ChainRetry(period, MAX_RETRY_DELAY, OUTAGE_REMINDER);
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "notary-node");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				scheduledTick();
			} catch (RuntimeException | SQLException e) {
				// a database outage or a configuration error: logged and retried like a chain outage
				synchronized (this) {
					retry.failed(clock.millis(), e.toString());
				}
			}
		}, 0, period.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		ScheduledExecutorService running;
		synchronized (this) {
			running = scheduler;
			scheduler = null;
		}
		if (running != null) {
			running.shutdownNow();
			try {
				running.awaitTermination(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			lease.release();
		} catch (SQLException e) {
			log.warn("could not release the anchorer lease: {}", e.toString());
		}
		if (rpc != null) {
			rpc.close();
		}
	}

	/** @return empty once connected, else why not (the chain is down, or not ready yet) */
	private Optional<String> connect() throws SQLException {
		try {
			if (rpc == null) {
				rpc = EthereumRpc.connect(settings.rpcUrl());
			}
			long chainId = rpc.chainId();
			if (chainId != settings.chainId()) {
				throw new IllegalStateException("the endpoint serves chain " + chainId + ", configured chain-id is " + settings.chainId());
			}
			Optional<String> address = contractAddress();
			if (address.isEmpty()) {
				// not a failure: the leader deploys, this node picks the contract up on a later tick
				return Optional.of("waiting for the leader to deploy the contract");
			}
			chain = new NotaryContractClient(rpc, chainId, SigningKeys.load(settings), address.get());
			anchorer = new Anchorer(dataSource, chain, settings, lease, clock, chain::broadcast);
			log.info("notary connected: chain {}, contract {}, notary {}", chainId, address.get(), chain.signerAddress());
			return Optional.empty();
		} catch (ChainException e) {
			retry.failed(clock.millis(), e.getMessage());
			return Optional.of(e.getMessage());
		}
	}

	/** The configured contract; else (deploy-if-missing) the one recorded for this chain, deployed by the leader. */
	private Optional<String> contractAddress() throws SQLException {
		if (settings.contractAddress() != null) {
			if ("0x".equals(rpc.code(settings.contractAddress()))) {
				throw new IllegalStateException("no contract code at " + settings.contractAddress() + " on chain " + settings.chainId());
			}
			return Optional.of(settings.contractAddress());
		}
		Optional<String> recorded = recordedContract();
		if (recorded.isPresent() && !"0x".equals(rpc.code(recorded.get()))) {
			return recorded;
		}
		if (lease.acquire(clock.millis()).isEmpty()) {
			return Optional.empty(); // the leader deploys; we pick it up on a later tick
		}
		String deployed = new NotaryContractClient(rpc, settings.chainId(), SigningKeys.load(settings), null).deploy();
		record(deployed);
		log.info("deployed the notary contract at {} on chain {} (deploy-if-missing)", deployed, settings.chainId());
		return Optional.of(deployed);
	}

	private Optional<String> recordedContract() throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"SELECT contract_address FROM fhirnotary_notary_contract WHERE chain_id = ?")) {
			select.setLong(1, settings.chainId());
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
			}
		}
	}

	private void record(String address) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement delete = connection.prepareStatement("DELETE FROM fhirnotary_notary_contract WHERE chain_id = ?");
					PreparedStatement insert = connection.prepareStatement(
							"INSERT INTO fhirnotary_notary_contract (chain_id, contract_address, deployed_at_ms) VALUES (?, ?, ?)")) {
				delete.setLong(1, settings.chainId());
				delete.executeUpdate();
				insert.setLong(1, settings.chainId());
				insert.setString(2, address);
				insert.setLong(3, clock.millis());
				insert.executeUpdate();
				connection.commit();
			} catch (SQLException e) {
				connection.rollback();
				throw e;
			}
		}
	}
}
