package io.fhirnotary.bench.load;

import java.io.PrintStream;
import java.time.Duration;

/** Where a running load reports itself; called from one ticker thread only. */
public interface ProgressDisplay {

  /** How often {@link #show} is called while the load runs. */
  Duration interval();

  void show(ProgressSnapshot snapshot);

  /** Called once with the final state, after the last {@link #show}. */
  default void finish(ProgressSnapshot snapshot) {}

  /**
   * A line rewritten in place when a person is watching; otherwise (CI logs, pipes) a new line now
   * and then, since carriage returns turn a log file into one very long line.
   */
  static ProgressDisplay forConsole(PrintStream stream, boolean interactive, Duration logInterval) {
    return interactive
        ? new InPlaceProgressDisplay(stream)
        : new PeriodicProgressDisplay(stream, logInterval);
  }
}
