package io.fhirnotary.server.notary;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.verify.Reverifier;
import io.fhirnotary.notary.verify.VersionVerifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One full re-verification of every notarised version (issue 5): walks the outbox in pages through
 * the module's {@link Reverifier}, recomputing each version's leaf from what is stored now, and
 * logs progress per page. Altered and missing versions are logged by {@link Reverifier} by
 * reference only (type/id/version, never content) and counted in {@link ReverificationMetrics}.
 *
 * <p>One run at a time per node: a run asked for while another is under way is refused, not queued
 * (the scheduled run and {@code $notary-reverify} would otherwise double the load for nothing).
 */
final class ReverificationJob {

	private static final Logger log = LoggerFactory.getLogger(ReverificationJob.class);

	/** What one run found. */
	record Run(Map<VersionVerifier.Result, Integer> counts, List<String> tampered, List<String> missing, int erased,
			long durationMillis) {

		int checked() {
			return counts.values().stream().mapToInt(Integer::intValue).sum();
		}
	}

	/** A run is already under way on this node. */
	static final class AlreadyRunning extends RuntimeException {
		private static final long serialVersionUID = 1L;

		AlreadyRunning() {
			super("a notary re-verification is already running on this node");
		}
	}

	private final DataSource dataSource;
	private final NotaryChain chain;
	private final Reverifier.StoredVersions versions;
	private final ReverificationMetrics metrics;
	private final int pageSize;
	private final ReentrantLock running = new ReentrantLock();

	ReverificationJob(DataSource dataSource, NotaryChain chain, Reverifier.StoredVersions versions, ReverificationMetrics metrics,
			int pageSize) {
		this.dataSource = dataSource;
		this.chain = chain;
		this.versions = versions;
		this.metrics = metrics;
		this.pageSize = pageSize;
	}

	/**
	 * Re-verifies every notarised version once.
	 *
	 * @return empty when no chain is configured (nothing anchored can be checked)
	 * @throws AlreadyRunning when another run is under way on this node
	 * @throws io.fhirnotary.notary.chain.ChainException when the chain stops answering (the run is abandoned, nothing is decided)
	 */
	Optional<Run> runOnce() throws SQLException {
		if (!running.tryLock()) {
			throw new AlreadyRunning();
		}
		try {
			Optional<EthereumRpc> rpc = chain.rpc();
			if (rpc.isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(walk(new Reverifier(dataSource, rpc.get(), versions)));
		} catch (SQLException | RuntimeException e) {
			// ChainException included: the chain stopped answering half-way
			metrics.failed();
			throw e;
		} finally {
			running.unlock();
		}
	}

	private Run walk(Reverifier reverifier) throws SQLException {
		long started = System.currentTimeMillis();
		Map<VersionVerifier.Result, Integer> counts = new EnumMap<>(VersionVerifier.Result.class);
		List<String> tampered = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		int erased = 0;
		long after = 0;
		log.info("notary re-verification started");
		while (true) {
			Reverifier.Pass pass = reverifier.run(after, pageSize);
			if (pass.checked() == 0) {
				break;
			}
			pass.counts().forEach((result, count) -> counts.merge(result, count, Integer::sum));
			tampered.addAll(pass.tampered());
			missing.addAll(pass.missing());
			erased += pass.erased();
			metrics.page(pass);
			after = pass.lastRowId();
			log.info("notary re-verification: {} versions checked so far, {} tampered, {} missing, {} erased",
					counts.values().stream().mapToInt(Integer::intValue).sum(), tampered.size(), missing.size(), erased);
		}
		Run run = new Run(counts, List.copyOf(tampered), List.copyOf(missing), erased, System.currentTimeMillis() - started);
		metrics.completed(run);
		log.info("notary re-verification finished in {} ms: {} versions checked, {} valid, {} pending, {} tampered, {} missing, "
				+ "{} erased", run.durationMillis(), run.checked(), counts.getOrDefault(VersionVerifier.Result.VALID, 0),
				counts.getOrDefault(VersionVerifier.Result.PENDING, 0), tampered.size(), missing.size(), erased);
		return run;
	}
}
