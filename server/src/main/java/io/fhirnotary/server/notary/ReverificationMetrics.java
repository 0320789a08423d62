package io.fhirnotary.server.notary;

import io.fhirnotary.notary.verify.Reverifier;
import io.fhirnotary.notary.verify.VersionVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The re-verification job's figures on {@code /actuator/prometheus}: counters that only grow
 * ({@code fhirnotary_notary_reverify_versions_total{result=...}}, {@code ..._missing_total},
 * {@code ..._erased_total}, {@code ..._runs_total{outcome=completed|failed}}) for rates and alerts,
 * and gauges of the last completed run ({@code fhirnotary_notary_reverify_last_run_*}: checked,
 * tampered, missing, timestamp in epoch seconds, duration). Numbers only: which versions, the log says.
 */
final class ReverificationMetrics {

	private final Map<VersionVerifier.Result, Counter> versions = new EnumMap<>(VersionVerifier.Result.class);
	private final Counter missing;
	private final Counter erased;
	private final Counter completedRuns;
	private final Counter failedRuns;
	private final AtomicLong lastChecked = new AtomicLong();
	private final AtomicLong lastTampered = new AtomicLong();
	private final AtomicLong lastMissing = new AtomicLong();
	private final AtomicLong lastRunSeconds = new AtomicLong();
	private final AtomicLong lastDurationMillis = new AtomicLong();

	ReverificationMetrics(MeterRegistry registry) {
		for (VersionVerifier.Result result : VersionVerifier.Result.values()) {
			versions.put(result, Counter.builder("fhirnotary.notary.reverify.versions")
					.description("Notarised versions re-verified, by result")
					.tag("result", result.name().toLowerCase(Locale.ROOT))
					.register(registry));
		}
		missing = Counter.builder("fhirnotary.notary.reverify.missing")
				.description("Notarised versions found no longer stored").register(registry);
		erased = Counter.builder("fhirnotary.notary.reverify.erased")
				.description("Notarised versions found erased (crypto-shredded)").register(registry);
		completedRuns = Counter.builder("fhirnotary.notary.reverify.runs").tag("outcome", "completed").register(registry);
		failedRuns = Counter.builder("fhirnotary.notary.reverify.runs").tag("outcome", "failed").register(registry);
		gauge(registry, "fhirnotary.notary.reverify.last.run.checked", lastChecked);
		gauge(registry, "fhirnotary.notary.reverify.last.run.tampered", lastTampered);
		gauge(registry, "fhirnotary.notary.reverify.last.run.missing", lastMissing);
		gauge(registry, "fhirnotary.notary.reverify.last.run.timestamp.seconds", lastRunSeconds);
		gauge(registry, "fhirnotary.notary.reverify.last.run.duration.milliseconds", lastDurationMillis);
	}

	private static void gauge(MeterRegistry registry, String name, AtomicLong value) {
		Gauge.builder(name, value, AtomicLong::doubleValue).register(registry);
	}

	/** Counted per page, so a long run shows progress (and a run that fails half-way what it saw). */
	void page(Reverifier.Pass pass) {
		pass.counts().forEach((result, count) -> versions.get(result).increment(count));
		missing.increment(pass.missing().size());
		erased.increment(pass.erased());
	}

	void completed(ReverificationJob.Run run) {
		lastChecked.set(run.checked());
		lastTampered.set(run.tampered().size());
		lastMissing.set(run.missing().size());
		lastDurationMillis.set(run.durationMillis());
		lastRunSeconds.set(System.currentTimeMillis() / 1000);
		completedRuns.increment();
	}

	void failed() {
		failedRuns.increment();
	}

	/** The counter of one result (tests read it). */
	double versions(VersionVerifier.Result result) {
		return versions.get(result).count();
	}
}
