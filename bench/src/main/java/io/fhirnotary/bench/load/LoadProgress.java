package io.fhirnotary.bench.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Counters the load workers update and the progress display reads; thread-safe. */
public final class LoadProgress {

  private final int bundlesTotal;
  private final long resourcesTotal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final AtomicInteger bundlesDone = new AtomicInteger();
  private final AtomicInteger bundlesFailed = new AtomicInteger();
  private final AtomicLong resourcesStored = new AtomicLong();

  public LoadProgress(int bundlesTotal, long resourcesTotal, LongSupplier nanoClock) {
    this.bundlesTotal = bundlesTotal;
    this.resourcesTotal = resourcesTotal;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  public void record(UploadOutcome outcome) {
    resourcesStored.addAndGet(outcome.storedEntries());
    if (!outcome.succeeded()) {
      bundlesFailed.incrementAndGet();
    }
    bundlesDone.incrementAndGet();
  }

  public int bundlesFailed() {
    return bundlesFailed.get();
  }

  public ProgressSnapshot snapshot() {
    return new ProgressSnapshot(
        bundlesDone.get(),
        bundlesTotal,
        resourcesStored.get(),
        resourcesTotal,
        bundlesFailed.get(),
        Duration.ofNanos(nanoClock.getAsLong() - startNanos));
  }
}
