package io.fhirnotary.server.notary;

import io.fhirnotary.notary.chain.ChainException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ReverificationJob} every {@code fhirnotary.notary.reverify-interval} on a daemon
 * thread of its own (first run one interval after start: a restart is no reason to re-read every
 * version at once); {@code 0} or empty disables it. Every node runs its own schedule: each
 * re-verification is read-only, and a node checking what it serves is the point.
 */
final class ReverificationSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReverificationSchedule.class);

	private final ReverificationJob job;
	private final Duration interval;
	private ScheduledExecutorService scheduler;

	/** @param interval null or zero: never */
	ReverificationSchedule(ReverificationJob job, Duration interval) {
		this.job = job;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (scheduler != null) {
			return;
		}
		if (interval == null || interval.isZero() || interval.isNegative()) {
			log.info("notary re-verification is not scheduled (fhirnotary.notary.reverify-interval is 0 or empty)");
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "notary-reverify");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		log.info("notary re-verification scheduled every {}", interval);
	}

	private void runQuietly() {
		try {
			if (job.runOnce().isEmpty()) {
				log.info("notary re-verification skipped: no chain configured");
			}
		} catch (ReverificationJob.AlreadyRunning e) {
			log.info("notary re-verification skipped: {}", e.getMessage());
		} catch (ChainException e) {
			log.warn("notary re-verification abandoned, the chain did not answer: {}", e.getMessage());
		} catch (SQLException | RuntimeException e) {
			// the type only: a message could quote stored content
			log.warn("notary re-verification failed ({})", e.getClass().getSimpleName());
		}
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			scheduler.shutdownNow();
			scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}
}
