package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.benchmark.Medians;
import io.fhirnotary.bench.benchmark.Percentiles;
import java.time.Duration;
import java.util.List;

/**
 * What one closed loop of requests at one concurrency level measured.
 *
 * @param requests requests that got the right answer; only these have latencies
 * @param errors requests that did not (wrong status, wrong body, no answer)
 * @param perSecond right answers per second of the loop's measured time
 */
record LoopResult(
    int concurrency,
    long requests,
    long errors,
    double p50Millis,
    double p99Millis,
    double perSecond) {

  /**
   * @param sortedLatenciesNanos latencies of the requests that got the right answer, ascending
   * @param elapsed the measured time the rate refers to
   */
  static LoopResult of(
      int concurrency, long[] sortedLatenciesNanos, long errors, Duration elapsed) {
    if (sortedLatenciesNanos.length == 0) {
      return new LoopResult(concurrency, 0, errors, Double.NaN, Double.NaN, 0);
    }
    return new LoopResult(
        concurrency,
        sortedLatenciesNanos.length,
        errors,
        Percentiles.nearestRank(sortedLatenciesNanos, 50) / 1e6,
        Percentiles.nearestRank(sortedLatenciesNanos, 99) / 1e6,
        sortedLatenciesNanos.length / (elapsed.toNanos() / 1e9));
  }

  /** Figure by figure over repeated runs of the same level; counts are summed. */
  static LoopResult median(List<LoopResult> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    return new LoopResult(
        runs.get(0).concurrency(),
        runs.stream().mapToLong(LoopResult::requests).sum(),
        runs.stream().mapToLong(LoopResult::errors).sum(),
        Medians.of(runs.stream().map(LoopResult::p50Millis).toList()),
        Medians.of(runs.stream().map(LoopResult::p99Millis).toList()),
        Medians.of(runs.stream().map(LoopResult::perSecond).toList()));
  }
}
