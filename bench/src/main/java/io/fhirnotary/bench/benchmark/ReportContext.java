package io.fhirnotary.bench.benchmark;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the report says about how its figures were obtained.
 *
 * @param interleavedPullRounds rounds per level when the pulls were interleaved between the modes'
 *     servers; empty when each mode pulled right after its own ingest
 * @param pullWarmUp with interleaved pulls, how long each server was pulled from, unmeasured,
 *     before the first window
 */
public record ReportContext(
    String command,
    String corpusLabel,
    int bundles,
    long resources,
    long corpusBytes,
    int patientsPulled,
    int repeats,
    Duration warmUp,
    Duration window,
    OptionalInt interleavedPullRounds,
    Duration pullWarmUp,
    List<String> serverJvmOptions,
    MachineFacts machine,
    LocalDate date) {

  public ReportContext {
    serverJvmOptions = List.copyOf(serverJvmOptions);
  }
}
