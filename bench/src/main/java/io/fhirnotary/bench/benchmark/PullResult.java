package io.fhirnotary.bench.benchmark;

import java.time.Duration;

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
}
