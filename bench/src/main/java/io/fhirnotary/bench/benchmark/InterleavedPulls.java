package io.fhirnotary.bench.benchmark;

import io.fhirnotary.bench.load.TextFormats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pull measured in turns against servers that run side by side, one short window at a time in
 * the order of {@link PullSchedule}, so that the machine's drift in speed (as large as the
 * difference between modes) falls on every mode alike instead of on whichever ran later. Before
 * each window it waits until all servers are quiet ({@link QuietWait}); a mode's figure per level
 * pools all its windows ({@link PullWindow#pooled}).
 *
 * <p>First, each server is pulled from without measuring (the pull warm-up), in slices of {@link
 * #WARM_UP_SLICE}, until its JIT compiler threads used under {@link #SETTLED_COMPILER_SHARE} of
 * its CPU in a slice, or for the longest warm-up allowed. A JVM that has just loaded a corpus has
 * not compiled the read path yet, and its compiler threads then take as much CPU as the requests
 * for minutes (measured with bench/tools/cpu-sample --threads), more so in the mode with more code
 * on that path. The figures are about a server that has been serving for a while, so that
 * start-up cost is kept out of every mode's windows.
 *
 * <p>The warm-up runs at the lowest level. At the highest, the request threads take every core,
 * the compiler threads get little of it, and their small share hides a growing queue of work:
 * after a 16-client warm-up that looked settled (compiler under 10%), the compiler took a full
 * core again in the first one-client windows of both modes.
 */
final class InterleavedPulls {

  static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);

  static final double SETTLED_COMPILER_SHARE = 0.10;

  private final List<Integer> levels;
  private final int rounds;
  private final Duration warmUp;
  private final Duration window;
  private final Duration pullWarmUp;
  private final QuietWait quiet;
  private final PrintStream log;

  /**
   * @param pullWarmUp the longest each server is pulled from before the first window, at the
   *     lowest level, not measured (zero: not at all)
   * @param quiet waits for every server the windows are measured against
   */
  InterleavedPulls(
      List<Integer> levels,
      int rounds,
      Duration warmUp,
      Duration window,
      Duration pullWarmUp,
      QuietWait quiet,
      PrintStream log) {
    this.levels = List.copyOf(levels);
    this.rounds = rounds;
    this.warmUp = warmUp;
    this.window = window;
    this.pullWarmUp = pullWarmUp;
    this.quiet = quiet;
    this.log = log;
  }

  /**
   * @param label names the repetition in progress lines
   * @return per mode (in the order of {@code targets}), the pooled figure per level
   */
  Map<String, SortedMap<Integer, PullResult>> run(List<? extends PullTarget> targets, String label)
      throws InterruptedException {
    Map<String, PullTarget> byMode = new LinkedHashMap<>();
    Map<String, Map<Integer, List<PullWindow>>> windows = new LinkedHashMap<>();
    for (PullTarget target : targets) {
      byMode.put(target.mode(), target);
      windows.put(target.mode(), new TreeMap<>());
    }
    List<String> modes = List.copyOf(byMode.keySet());
    warmUpEvery(targets, label);
    for (PullSlot slot : PullSchedule.of(levels, modes, rounds)) {
      QuietWait.Outcome calm = quiet.await();
      if (!calm.quiet()) {
        log.printf(Locale.ROOT, "%s warning: %s; measuring anyway%n", label, calm.stillBusy());
      }
      PullWindow measured = byMode.get(slot.mode()).measure(slot.clients(), warmUp, window);
      windows
          .get(slot.mode())
          .computeIfAbsent(slot.clients(), c -> new ArrayList<>())
          .add(measured);
      log.printf(
          Locale.ROOT,
          "%s round %d/%d, %s, %s: %s (quiet after %s)%n",
          label,
          slot.round(),
          rounds,
          ModeLoader.plural(slot.clients(), "client"),
          slot.mode(),
          measured.result().summary(),
          TextFormats.seconds(calm.waited()));
    }
    Map<String, SortedMap<Integer, PullResult>> pooled = new LinkedHashMap<>();
    for (String mode : modes) {
      SortedMap<Integer, PullResult> byLevel = new TreeMap<>();
      windows.get(mode).forEach((clients, list) -> byLevel.put(clients, PullWindow.pooled(list)));
      pooled.put(mode, byLevel);
    }
    return pooled;
  }

  private void warmUpEvery(List<? extends PullTarget> targets, String label)
      throws InterruptedException {
    if (pullWarmUp.isZero() || levels.isEmpty()) {
      return;
    }
    int clients = levels.stream().min(Integer::compare).orElseThrow();
    for (PullTarget target : targets) {
      quiet.await();
      Duration spent = Duration.ZERO;
      Duration slice;
      double compilerShare;
      long requests = 0;
      do {
        slice = min(WARM_UP_SLICE, pullWarmUp.minus(spent));
        Optional<CompilerLoad> before = target.compilerLoad();
        requests += target.measure(clients, Duration.ZERO, slice).result().requests();
        Optional<CompilerLoad> after = target.compilerLoad();
        spent = spent.plus(slice);
        compilerShare =
            before.isPresent() && after.isPresent()
                ? after.get().compilerShareSince(before.get())
                : 0;
      } while (compilerShare >= SETTLED_COMPILER_SHARE && spent.compareTo(pullWarmUp) < 0);
      log.printf(
          Locale.ROOT,
          "%s pull warm-up, %s, %s: %d requests in %s, not measured; JIT compiler threads %.0f%%"
              + " of the server's CPU in the last %s%s%n",
          label,
          ModeLoader.plural(clients, "client"),
          target.mode(),
          requests,
          TextFormats.seconds(spent),
          compilerShare * 100,
          TextFormats.seconds(slice),
          compilerShare >= SETTLED_COMPILER_SHARE ? " (longest warm-up reached)" : "");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
