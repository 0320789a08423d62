package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.benchmark.Medians;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What one server mode measured in one run (or, from {@link #median}, over several).
 *
 * @param creates MedicationRequest creates by number of concurrent clients
 * @param codeChecks {@code $validate-code} by number of concurrent clients
 * @param peakRssMib the server's VmHWM at the end of the run
 * @param startupSeconds from process start to ready, on an empty database
 */
record ValidationFigures(
    String mode,
    SortedMap<Integer, LoopResult> creates,
    SortedMap<Integer, LoopResult> codeChecks,
    double peakRssMib,
    double startupSeconds) {

  ValidationFigures {
    creates = Collections.unmodifiableSortedMap(new TreeMap<>(creates));
    codeChecks = Collections.unmodifiableSortedMap(new TreeMap<>(codeChecks));
  }

  /** Each figure's median over the runs (figure by figure, not the "median run"). */
  static ValidationFigures median(List<ValidationFigures> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    return new ValidationFigures(
        runs.get(0).mode(),
        medianByLevel(runs, ValidationFigures::creates),
        medianByLevel(runs, ValidationFigures::codeChecks),
        Medians.of(runs.stream().map(ValidationFigures::peakRssMib).toList()),
        Medians.of(runs.stream().map(ValidationFigures::startupSeconds).toList()));
  }

  /** Requests that got a wrong answer, over every level. */
  long errors() {
    return creates.values().stream().mapToLong(LoopResult::errors).sum()
        + codeChecks.values().stream().mapToLong(LoopResult::errors).sum();
  }

  private static SortedMap<Integer, LoopResult> medianByLevel(
      List<ValidationFigures> runs,
      Function<ValidationFigures, SortedMap<Integer, LoopResult>> loops) {
    SortedMap<Integer, LoopResult> medians = new TreeMap<>();
    for (Integer level : loops.apply(runs.get(0)).keySet()) {
      medians.put(
          level, LoopResult.median(runs.stream().map(r -> loops.apply(r).get(level)).toList()));
    }
    return medians;
  }
}
