package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs the measurements: for every repetition and mode, one server per ingest concurrency, each on
 * a fresh database; the pharmacy pull runs against the server of the last ingest, whose database
 * then holds the whole corpus.
 *
 * <p>Modes alternate within each repetition (plain, protected, plain, protected, ...) so that a
 * slow drift of the machine (page cache, thermal throttling) spreads over both. By default each
 * mode's pull runs right after its ingest, and its server stops before the next mode starts. With
 * {@code --interleave-pulls} every mode's server is loaded first and kept running, and the pulls
 * then take turns between them in short windows ({@link InterleavedPulls}), which also evens out
 * drift within a repetition.
 */
final class BenchRunner {

  private final BenchOptions options;
  private final ModeLoader loader;
  private final long ticksPerSecond;
  private final PrintStream log;
  private final Map<String, List<Long>> pullEntries = new LinkedHashMap<>();
  private int patientsPulled;

  /**
   * @param ticksPerSecond the unit of the servers' CPU times (see {@link ClockTicks}), for the
   *     interleaved pull's quiet wait
   */
  BenchRunner(BenchOptions options, ModeLoader loader, long ticksPerSecond, PrintStream log) {
    this.options = options;
    this.loader = loader;
    this.ticksPerSecond = ticksPerSecond;
    this.log = log;
  }

  /**
   * Figures per mode (in the order of {@code --modes}), one entry per repetition.
   *
   * @throws BenchmarkFailure also as soon as a mode's pull returns less than plain's (see {@link
   *     PullEntryCheck})
   */
  Map<String, List<ModeFigures>> run()
      throws BenchmarkFailure, IOException, SQLException, InterruptedException {
    Map<String, List<ModeFigures>> byMode = new LinkedHashMap<>();
    for (int run = 1; run <= options.repeat(); run++) {
      List<ModeFigures> figures = options.interleavePulls() ? interleaved(run) : sequential(run);
      for (ModeFigures mode : figures) {
        byMode.computeIfAbsent(mode.mode(), m -> new ArrayList<>()).add(mode);
      }
    }
    return byMode;
  }

  int patientsPulled() {
    return patientsPulled;
  }

  /** Each mode loaded, pulled and stopped before the next one starts. */
  private List<ModeFigures> sequential(int run)
      throws BenchmarkFailure, IOException, SQLException, InterruptedException {
    List<ModeFigures> figures = new ArrayList<>();
    for (String mode : options.modes()) {
      try (LoadedMode loaded = loader.load(mode, run)) {
        checkPullEntries(loaded);
        SortedMap<Integer, PullResult> pulls = new TreeMap<>();
        for (int clients : options.pullConcurrency()) {
          PullResult result = loaded.measure(clients, options.warmUp(), options.window()).result();
          logPull(loaded, clients, result, "");
          pulls.put(clients, result);
        }
        figures.add(loaded.figures(pulls));
      }
    }
    return figures;
  }

  /** Every mode loaded and left running, then the pulls in turns, then every server stopped. */
  private List<ModeFigures> interleaved(int run)
      throws BenchmarkFailure, IOException, SQLException, InterruptedException {
    try (RunningModes running = new RunningModes()) {
      for (String mode : options.modes()) {
        if (!running.isEmpty()) {
          // The Consents and the pull check of the modes loaded so far leave audit work behind,
          // which would otherwise slow the next mode's ingest.
          awaitQuiet(running, "before loading " + mode);
        }
        LoadedMode loaded = loader.load(mode, run);
        running.add(loaded);
        checkPullEntries(loaded);
      }
      String label =
          String.format(Locale.ROOT, "[interleaved pulls, run %d/%d]", run, options.repeat());
      Map<String, SortedMap<Integer, PullResult>> pulls =
          new InterleavedPulls(
                  options.pullConcurrency(),
                  options.pullRounds(),
                  options.warmUp(),
                  options.window(),
                  options.pullWarmUp(),
                  QuietWait.forServers(running.processes(), ticksPerSecond),
                  log)
              .run(running.all(), label);
      List<ModeFigures> figures = new ArrayList<>();
      for (LoadedMode loaded : running.all()) {
        SortedMap<Integer, PullResult> mine = pulls.get(loaded.mode());
        mine.forEach(
            (clients, result) ->
                logPull(
                    loaded,
                    clients,
                    result,
                    ", " + plural(options.pullRounds(), "window") + " pooled"));
        figures.add(loaded.figures(mine));
      }
      return figures;
    }
  }

  private void awaitQuiet(RunningModes running, String when) throws InterruptedException {
    QuietWait.Outcome calm = QuietWait.forServers(running.processes(), ticksPerSecond).await();
    if (!calm.quiet()) {
      log.printf(Locale.ROOT, "bench: warning: %s, %s; going on%n", when, calm.stillBusy());
    }
  }

  /** Fails the run as soon as a mode returns fewer prescriptions than plain, before its pulls. */
  private void checkPullEntries(LoadedMode loaded) throws BenchmarkFailure {
    patientsPulled = loaded.patients().size();
    pullEntries.computeIfAbsent(loaded.mode(), m -> new ArrayList<>()).add(loaded.pullEntries());
    Optional<String> problem = PullEntryCheck.problem(pullEntries);
    if (problem.isPresent()) {
      throw new BenchmarkFailure(problem.get());
    }
  }

  private void logPull(LoadedMode loaded, int clients, PullResult result, String pooling) {
    log.println(
        String.format(
            Locale.ROOT,
            "%s pull, %s over %d patients%s: %s",
            loaded.label(),
            plural(clients, "client"),
            loaded.patients().size(),
            pooling,
            result.summary()));
  }

  private static String plural(int count, String noun) {
    return ModeLoader.plural(count, noun);
  }

  /**
   * A PostgreSQL identifier: mode names may hold '-' (protected-unnotarised), identifiers may not.
   */
  static String databaseName(String runId, String mode, int run, int workers) {
    return "bench_" + runId + "_" + mode.replace('-', '_') + "_r" + run + "_w" + workers;
  }
}
