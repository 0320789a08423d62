package io.fhirnotary.notary.anchor;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a node whose chain (or database) is unreachable tries again, and what it logs about it. Without this a
 * node ticking every 0.5 s logged every failed attempt; now attempts back off exponentially (from
 * the tick period up to {@code max}), the first failure is a WARN, and after that only a changed
 * problem or a reminder every {@code reminder} is logged, plus one INFO when the chain answers again.
 *
 * <p>Not thread-safe: the node uses it from its single ticking thread (and from explicit
 * {@code tick()} calls, which hold the node's lock).
 */
final class ChainRetry {

	private static final Logger log = LoggerFactory.getLogger(ChainRetry.class);

	private final long baseMillis;
	private final long maxMillis;
	private final long reminderMillis;
	private int failures;
	private long nextAttemptMillis;
	private long downSinceMillis;
	private long lastLoggedMillis;
	private String lastProblem;

	ChainRetry(Duration base, Duration max, Duration reminder) {
		this.baseMillis = Math.max(1, base.toMillis());
		this.maxMillis = Math.max(baseMillis, max.toMillis());
		this.reminderMillis = reminder.toMillis();
	}

	/** Whether the scheduled loop should try now (always, unless backing off after failures). */
	boolean due(long nowMillis) {
		return failures == 0 || nowMillis >= nextAttemptMillis;
	}

	/** How long the loop waits before the next attempt after {@code failures} consecutive failures. */
	long delayMillis() {
		if (failures == 0) {
			return 0;
		}
		int doublings = Math.min(failures - 1, 30);
		return Math.min(maxMillis, baseMillis << doublings);
	}

	/** @return whether this failure was logged */
	boolean failed(long nowMillis, String problem) {
		failures++;
		nextAttemptMillis = nowMillis + delayMillis();
		if (failures == 1) {
			downSinceMillis = nowMillis;
			lastLoggedMillis = nowMillis;
			lastProblem = problem;
			log.warn("notary: anchoring is held up, will retry with back-off up to {} s: {}", maxMillis / 1000, problem);
			return true;
		}
		boolean changed = !Objects.equals(problem, lastProblem);
		if (changed || nowMillis - lastLoggedMillis >= reminderMillis) {
			lastLoggedMillis = nowMillis;
			lastProblem = problem;
			log.warn("notary: anchoring still held up after {} attempts ({} s), next try in {} ms: {}", failures,
					(nowMillis - downSinceMillis) / 1000, delayMillis(), problem);
			return true;
		}
		return false;
	}

	void succeeded(long nowMillis) {
		if (failures > 0) {
			log.info("notary: anchoring goes on after {} failed attempts ({} s)", failures, (nowMillis - downSinceMillis) / 1000);
		}
		failures = 0;
		lastProblem = null;
	}

	int failures() {
		return failures;
	}
}
