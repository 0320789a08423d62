package io.fhirnotary.bench.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one measurement window of the pull observed at one concurrency level, before it is reduced
 * to a {@link PullResult}: kept whole so that several short windows of the same mode can be pooled
 * into one figure (see {@link #pooled}).
 */
final class PullWindow {

  private final int concurrency;
  private final long[] sortedLatenciesNanos;
  private final long errors;
  private final Duration measured;

  /**
   * @param sortedLatenciesNanos latencies of the successful requests, ascending
   * @param measured the window's length, not counting its warm-up
   */
  PullWindow(int concurrency, long[] sortedLatenciesNanos, long errors, Duration measured) {
    this.concurrency = concurrency;
    this.sortedLatenciesNanos = sortedLatenciesNanos.clone();
    this.errors = errors;
    this.measured = measured;
  }

  int concurrency() {
    return concurrency;
  }

  PullResult result() {
    return PullResult.of(concurrency, sortedLatenciesNanos, errors, measured);
  }

  /**
   * One figure for several windows at the same level, as if they had been one long window: the
   * percentiles are taken over all their samples together (not a mean or median of per-window
   * percentiles, which would weigh a window with few requests like one with many), and the rate is
   * all requests over all measured time.
   */
  static PullResult pooled(List<PullWindow> windows) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no windows to pool");
    }
    int concurrency = windows.get(0).concurrency;
    int samples = 0;
    long errors = 0;
    Duration measured = Duration.ZERO;
    for (PullWindow window : windows) {
      if (window.concurrency != concurrency) {
        throw new IllegalArgumentException(
            "windows of " + concurrency + " and " + window.concurrency + " clients do not pool");
      }
      samples += window.sortedLatenciesNanos.length;
      errors += window.errors;
      measured = measured.plus(window.measured);
    }
    long[] all = new long[samples];
    int offset = 0;
    for (PullWindow window : windows) {
      System.arraycopy(
          window.sortedLatenciesNanos, 0, all, offset, window.sortedLatenciesNanos.length);
      offset += window.sortedLatenciesNanos.length;
    }
    Arrays.sort(all);
    return PullResult.of(concurrency, all, errors, measured);
  }
}
