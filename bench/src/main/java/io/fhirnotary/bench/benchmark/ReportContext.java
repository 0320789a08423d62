package io.fhirnotary.bench.benchmark;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** What the report says about how its figures were obtained. */
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
    List<String> serverJvmOptions,
    MachineFacts machine,
    LocalDate date) {

  public ReportContext {
    serverJvmOptions = List.copyOf(serverJvmOptions);
  }
}
