package io.fhirnotary.bench.benchmark;

/**
 * When servers count as quiet: the CPU time they used between two readings, as a share of one core
 * over the time between the readings, is below {@code maxCores}. Pure.
 *
 * <p>The clock tick is coarse (10 ms at 100 Hz): over 300 ms one tick is 3.3% of a core, two are
 * 6.7%, so a threshold of 5% allows at most one tick.
 *
 * @param maxCores e.g. 0.05 for 5% of one core
 * @param ticksPerSecond the unit of the readings' ticks
 */
record QuietRule(double maxCores, long ticksPerSecond) {

  QuietRule {
    if (!(maxCores > 0)) {
      throw new IllegalArgumentException("maxCores must be positive: " + maxCores);
    }
    if (ticksPerSecond <= 0) {
      throw new IllegalArgumentException("ticksPerSecond must be positive: " + ticksPerSecond);
    }
  }

  /**
   * Cores busy on average between the readings. A process that exited in between takes its ticks
   * with it and can make the sum shrink; that counts as no use, not as negative use.
   */
  double coresUsed(CpuReading earlier, CpuReading later) {
    long elapsedNanos = later.nanos() - earlier.nanos();
    if (elapsedNanos <= 0) {
      throw new IllegalArgumentException("the later reading is not later");
    }
    long ticks = Math.max(0, later.ticks() - earlier.ticks());
    return (ticks / (double) ticksPerSecond) / (elapsedNanos / 1e9);
  }

  boolean quiet(CpuReading earlier, CpuReading later) {
    return coresUsed(earlier, later) < maxCores;
  }
}
