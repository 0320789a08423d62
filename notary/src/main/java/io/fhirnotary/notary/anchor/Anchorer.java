package io.fhirnotary.notary.anchor;

import io.fhirnotary.notary.chain.ChainException;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.chain.SignedTransaction;
import io.fhirnotary.notary.chain.TransactionFees;
import io.fhirnotary.notary.chain.TransactionStatus;
import io.fhirnotary.notary.merkle.InclusionProof;
import io.fhirnotary.notary.merkle.MerkleHashes;
import io.fhirnotary.notary.merkle.MerkleTree;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox rows onto the chain: one Merkle tree and one transaction per batch.
 *
 * <p>Each {@link #tick()}, on the leader node only:
 * <ol>
 * <li>follows the open batches: broadcasts a SIGNED one (again, after a crash: the same bytes, the
 * same nonce), records SUBMITTED → CONFIRMED → FINAL as blocks arrive, and when a reorg drops a
 * mined anchor broadcasts it again, or queues its versions again if its nonce went elsewhere;</li>
 * <li>when no batch waits to be mined, claims pending rows ({@code FOR UPDATE SKIP LOCKED}), and if
 * the batch is full or its oldest row has waited {@code batch-interval}, builds the tree, signs the
 * anchor transaction and stores batch, proofs, nonce and signed transaction in one database
 * transaction <em>before</em> broadcasting it.</li>
 * </ol>
 * A chain that is down leaves rows pending; nothing is lost and writes are unaffected. The signing
 * key must serve this anchorer alone (nonces are taken from the chain).
 */
public final class Anchorer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Anchorer.class);
	private static final HexFormat HEX = HexFormat.of();
	/** A broadcast transaction not mined after this long is sent again (a node may have dropped it). */
	static final long REBROADCAST_AFTER_MILLIS = 15_000;
	/** A root nobody anchors, for asking the contract whether it would accept an anchor from us. */
	private static final byte[] PROBE_ROOT = MerkleHashes.sha256()
			.digest("fhir-notary/anchor-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

	/** Sends a signed transaction; a seam so tests can stop the process right before or after it. */
	@FunctionalInterface
	public interface Broadcaster {
		void broadcast(SignedTransaction transaction);
	}

	/** What one tick did, for tests, metrics and logs. */
	public record TickResult(boolean leader, int batchesFollowed, Long newBatchId, int newBatchSize, String chainProblem,
			boolean chainUnreachable) {

		public TickResult(boolean leader, int batchesFollowed, Long newBatchId, int newBatchSize, String chainProblem) {
			this(leader, batchesFollowed, newBatchId, newBatchSize, chainProblem, false);
		}
	}

	private final DataSource dataSource;
	private final NotaryContractClient chain;
	private final NotaryChainSettings settings;
	private final LeaderLease lease;
	private final Clock clock;
	private final Broadcaster broadcaster;
	private ScheduledExecutorService scheduler;

	public Anchorer(DataSource dataSource, NotaryContractClient chain, NotaryChainSettings settings, LeaderLease lease, Clock clock,
			Broadcaster broadcaster) {
		this.dataSource = dataSource;
		this.chain = chain;
		this.settings = settings;
		this.lease = lease;
		this.clock = clock;
		this.broadcaster = broadcaster;
	}

	public Anchorer(DataSource dataSource, NotaryContractClient chain, NotaryChainSettings settings, LeaderLease lease) {
		this(dataSource, chain, settings, lease, Clock.systemUTC(), chain::broadcast);
	}

	/** Ticks every {@code period} on a daemon thread until {@link #close()}. */
	public synchronized void start(java.time.Duration period) {
		if (scheduler != null) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "notary-anchorer");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				tick();
			} catch (RuntimeException | SQLException e) {
				log.warn("anchorer tick failed, will retry: {}", e.toString());
			}
		}, 0, period.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void close() {
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			scheduler = null;
			try {
				lease.release();
			} catch (SQLException e) {
				log.warn("could not release the anchorer lease: {}", e.toString());
			}
		}
	}

	public TickResult tick() throws SQLException {
		Optional<Long> term = lease.acquire(clock.millis());
		if (term.isEmpty()) {
			return new TickResult(false, 0, null, 0, null);
		}
		int followed = 0;
		try {
			boolean unmined = false;
			for (AnchorBatch batch : openBatches()) {
				BatchState state = follow(batch, term.get());
				followed++;
				unmined |= state == BatchState.SIGNED || state == BatchState.SUBMITTED;
			}
			if (unmined) {
				return new TickResult(true, followed, null, 0, null);
			}
			return createBatchIfDue(term.get(), followed);
		} catch (ChainException e) {
			if (!e.unreachable()) {
				log.warn("the Ethereum node refused a request: {}", e.getMessage());
			} else {
				// the node logs an outage once and backs off (ChainRetry); every tick would flood the log
				log.debug("Ethereum node unreachable; pending versions wait: {}", e.getMessage());
			}
			return new TickResult(true, followed, null, 0, e.getMessage(), e.unreachable());
		}
	}

	private List<AnchorBatch> openBatches() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return BatchRepository.openBatches(connection);
		}
	}

	/** @return the batch's state afterwards */
	private BatchState follow(AnchorBatch batch, long term) throws SQLException {
		SignedTransaction signed = new SignedTransaction(BigInteger.valueOf(batch.nonce()), batch.signedTransaction(),
				batch.transactionHash());
		if (batch.state() == BatchState.SIGNED) {
			return broadcastOrRequeue(batch, signed, term);
		}
		Optional<TransactionStatus> status = chain.status(batch.transactionHash());
		if (status.isEmpty() || !status.get().canonical()) {
			boolean recentlySent = batch.state() == BatchState.SUBMITTED
					&& clock.millis() - batch.updatedAtMillis() < REBROADCAST_AFTER_MILLIS;
			if (recentlySent) {
				return BatchState.SUBMITTED; // waiting to be mined
			}
			if (batch.state() == BatchState.CONFIRMED) {
				log.warn("anchor batch {} (tx {}) left the chain in a reorg; sending it again", batch.id(), batch.transactionHash());
			}
			return broadcastOrRequeue(batch, signed, term);
		}
		TransactionStatus mined = status.get();
		if (!mined.succeeded()) {
			// a reverted anchor (e.g. the key lost its notary role): queue its versions again
			log.error("anchor batch {} reverted in tx {}; its versions are queued again", batch.id(), batch.transactionHash());
			return requeue(batch, term);
		}
		BatchState next = mined.confirmations() >= settings.confirmations() ? BatchState.FINAL : BatchState.CONFIRMED;
		boolean moved = next != batch.state() || batch.blockNumber() == null || batch.blockNumber() != mined.blockNumber()
				|| !mined.blockHash().equalsIgnoreCase(batch.blockHash());
		if (moved) {
			inTransaction(term, connection -> BatchRepository.moveBatch(connection, batch.id(), next, mined.blockNumber(),
					mined.blockHash(), mined.gasUsed().longValueExact(), false, clock.millis()));
		}
		return next;
	}

	private BatchState broadcastOrRequeue(AnchorBatch batch, SignedTransaction signed, long term) throws SQLException {
		try {
			broadcaster.broadcast(signed);
		} catch (ChainException e) {
			if (e.unreachable()) {
				throw e;
			}
			// refused: mined already (receipt found next tick), or its nonce was used by another transaction
			Optional<TransactionStatus> status = chain.status(batch.transactionHash());
			if (status.isPresent() && status.get().canonical()) {
				// sent before a crash and mined since: follow it from here
				inTransaction(term, connection -> BatchRepository.moveBatch(connection, batch.id(), BatchState.SUBMITTED, null, null,
						null, false, clock.millis()));
				return BatchState.SUBMITTED;
			}
			// mined nonces only: our own transaction waiting in the pool must not count as "taken"
			BigInteger minedNonce = chain.rpc().minedNonce(chain.signerAddress());
			if (minedNonce.compareTo(signed.nonce()) > 0) {
				log.warn("nonce {} of anchor batch {} was used by another transaction; queuing its versions again", signed.nonce(),
						batch.id());
				return requeue(batch, term);
			}
			throw e;
		}
		inTransaction(term, connection -> BatchRepository.moveBatch(connection, batch.id(), BatchState.SUBMITTED, null, null, null,
				true, clock.millis()));
		return BatchState.SUBMITTED;
	}

	private BatchState requeue(AnchorBatch batch, long term) throws SQLException {
		inTransaction(term, connection -> BatchRepository.requeue(connection, batch.id(), clock.millis()));
		return BatchState.REQUEUED;
	}

	private TickResult createBatchIfDue(long term, int followed) throws SQLException {
		if (!BatchRepository.anyPending(dataSource)) {
			return new TickResult(true, followed, null, 0, null);
		}
		// ask the chain first: when it is down, nothing is claimed and the rows stay pending
		Optional<String> refusal = chain.simulateAnchor(PROBE_ROOT, 1);
		if (refusal.isPresent()) {
			// e.g. NotNotary: sending would only burn gas on reverts, batch after batch
			log.error("the contract would refuse an anchor from {}: {}; versions wait", chain.signerAddress(), refusal.get());
			return new TickResult(true, followed, null, 0, "the contract refuses anchors from this key: " + refusal.get());
		}
		TransactionFees fees = TransactionFees.current(chain.rpc());
		BigInteger nonce = chain.nextNonce();
		long now = clock.millis();
		long[] created = {-1, 0};
		SignedTransaction[] toSend = {null};
		inTransaction(term, connection -> {
			List<BatchRepository.PendingLeaf> leaves = BatchRepository.claimPending(connection, settings.batchSize());
			if (leaves.isEmpty()) {
				return;
			}
			boolean full = leaves.size() >= settings.batchSize();
			boolean waitedLongEnough = now - leaves.get(0).capturedAtMillis() >= settings.batchInterval().toMillis();
			if (!full && !waitedLongEnough) {
				return;
			}
			MerkleTree tree = MerkleTree.ofLeafHashes(leaves.stream().map(leaf -> HEX.parseHex(leaf.leafHash())).toList());
			List<String> paths = new ArrayList<>(leaves.size());
			for (int i = 0; i < leaves.size(); i++) {
				paths.add(encodePath(tree.inclusionProof(i)));
			}
			SignedTransaction signed = chain.signAnchor(tree.root(), tree.size(), nonce, fees);
			long batchId = BatchRepository.insertBatch(connection, HEX.formatHex(tree.root()), tree.size(), chain.chainId(),
					chain.contractAddress(), chain.signerAddress().toLowerCase(java.util.Locale.ROOT), nonce.longValueExact(),
					signed.rawHex(), signed.hash(), now);
			BatchRepository.assignToBatch(connection, batchId, leaves, paths);
			created[0] = batchId;
			created[1] = leaves.size();
			toSend[0] = signed;
		});
		if (toSend[0] == null) {
			return new TickResult(true, followed, null, 0, null);
		}
		log.info("anchor batch {}: {} versions, nonce {}, tx {}", created[0], created[1], nonce, toSend[0].hash());
		try (Connection connection = dataSource.getConnection()) {
			broadcastOrRequeue(BatchRepository.find(connection, created[0]), toSend[0], term);
		}
		return new TickResult(true, followed, created[0], (int) created[1], null);
	}

	static String encodePath(InclusionProof proof) {
		StringBuilder path = new StringBuilder(64 * proof.auditPath().size());
		proof.auditPath().forEach(hash -> path.append(HEX.formatHex(hash)));
		return path.toString();
	}

	static List<byte[]> decodePath(String path) {
		List<byte[]> hashes = new ArrayList<>();
		for (int i = 0; i + 64 <= path.length(); i += 64) {
			hashes.add(HEX.parseHex(path, i, i + 64));
		}
		return hashes;
	}

	@FunctionalInterface
	private interface Work {
		void run(Connection connection) throws SQLException;
	}

	private void inTransaction(long term, Work work) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				lease.fence(connection, term, clock.millis());
				work.run(connection);
				connection.commit();
			} catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			}
		}
	}
}
