package io.fhirnotary.bench.benchmark;

import java.time.Duration;
import java.util.Locale;

/**
 * Pharmacy-pull figures at one concurrency level.
 *
 * @param requests successful requests inside the measurement window
 * @param errors requests inside the window that did not answer 200
 */
public record PullResult(
    int concurrency,
    long requests,
    long errors,
    double p50Millis,
    double p99Millis,
    double requestsPerSecond) {

  /**
   * @param sortedLatenciesNanos latencies of the successful requests, ascending
   */
  public static PullResult of(
      int concurrency, long[] sortedLatenciesNanos, long errors, Duration window) {
    if (sortedLatenciesNanos.length == 0) {
      return new PullResult(concurrency, 0, errors, Double.NaN, Double.NaN, 0);
    }
    return new PullResult(
        concurrency,
        sortedLatenciesNanos.length,
        errors,
        Percentiles.nearestRank(sortedLatenciesNanos, 50) / 1e6,
        Percentiles.nearestRank(sortedLatenciesNanos, 99) / 1e6,
        sortedLatenciesNanos.length / (window.toNanos() / 1e9));
  }

  /** For progress lines: "p50 4.2 ms, p99 9.0 ms, 230 requests/s, 0 errors". */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p99 %.1f ms, %.0f requests/s, %d errors",
        p50Millis,
        p99Millis,
        requestsPerSecond,
        errors);
  }
}
