package io.fhirnotary.bench.benchmark;

/** The benchmark cannot produce meaningful figures; the message says why and where to look. */
final class BenchmarkFailure extends Exception {

  BenchmarkFailure(String message) {
    super(message);
  }
}
