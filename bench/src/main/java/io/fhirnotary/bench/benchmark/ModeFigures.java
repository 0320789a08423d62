package io.fhirnotary.bench.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything measured for one server mode in one run (or, from {@link #median}, over several).
 *
 * @param ingestResourcesPerSecond by number of concurrent loader workers
 * @param pulls by number of concurrent pharmacy clients
 * @param pullEntries MedicationRequests returned by one pass of the pull's requests over all
 *     patients (the check before measuring, see {@link PullEntryCheck})
 * @param peakRssMib the highest VmHWM of the mode's server processes
 * @param startupSeconds from process start to ready, on an empty database
 */
public record ModeFigures(
    String mode,
    SortedMap<Integer, Double> ingestResourcesPerSecond,
    SortedMap<Integer, PullResult> pulls,
    double pullEntries,
    double peakRssMib,
    double startupSeconds) {

  public ModeFigures {
    ingestResourcesPerSecond =
        Collections.unmodifiableSortedMap(new TreeMap<>(ingestResourcesPerSecond));
    pulls = Collections.unmodifiableSortedMap(new TreeMap<>(pulls));
  }

  /** Each figure's median over the runs (figure by figure, not the "median run"). */
  public static ModeFigures median(List<ModeFigures> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    ModeFigures first = runs.get(0);
    SortedMap<Integer, Double> ingest = new TreeMap<>();
    for (Integer workers : first.ingestResourcesPerSecond().keySet()) {
      ingest.put(
          workers, Medians.of(collect(runs, r -> r.ingestResourcesPerSecond().get(workers))));
    }
    SortedMap<Integer, PullResult> pulls = new TreeMap<>();
    for (Integer clients : first.pulls().keySet()) {
      List<PullResult> level = runs.stream().map(r -> r.pulls().get(clients)).toList();
      pulls.put(
          clients,
          new PullResult(
              clients,
              level.stream().mapToLong(PullResult::requests).sum(),
              level.stream().mapToLong(PullResult::errors).sum(),
              Medians.of(level.stream().map(PullResult::p50Millis).toList()),
              Medians.of(level.stream().map(PullResult::p99Millis).toList()),
              Medians.of(level.stream().map(PullResult::requestsPerSecond).toList())));
    }
    return new ModeFigures(
        first.mode(),
        ingest,
        pulls,
        Medians.of(collect(runs, ModeFigures::pullEntries)),
        Medians.of(collect(runs, ModeFigures::peakRssMib)),
        Medians.of(collect(runs, ModeFigures::startupSeconds)));
  }

  private static List<Double> collect(
      List<ModeFigures> runs, Function<ModeFigures, Double> figure) {
    List<Double> values = new ArrayList<>();
    for (ModeFigures run : runs) {
      values.add(figure.apply(run));
    }
    return values;
  }

  /** Total failed pull requests over all levels. */
  public long pullErrors() {
    return pulls.values().stream().mapToLong(PullResult::errors).sum();
  }
}
