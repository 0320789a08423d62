package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.benchmark.MachineFacts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * What the report says about how its figures were obtained.
 *
 * @param otherJavaProcesses Java processes besides the harness and its servers seen while
 *     measuring, one line each
 */
record ReportContext(
    String command,
    int repeats,
    int creates,
    int warmUpCreates,
    int warmUpClients,
    int patients,
    int practitioners,
    Duration warmUp,
    Duration window,
    List<String> serverJvmOptions,
    MachineFacts machine,
    List<String> otherJavaProcesses,
    LocalDate date) {

  ReportContext {
    serverJvmOptions = List.copyOf(serverJvmOptions);
    otherJavaProcesses = List.copyOf(otherJavaProcesses);
  }
}
