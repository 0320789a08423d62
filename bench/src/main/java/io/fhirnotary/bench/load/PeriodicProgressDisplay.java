package io.fhirnotary.bench.load;

import java.io.PrintStream;
import java.time.Duration;

/** One progress line per interval, for logs. */
final class PeriodicProgressDisplay implements ProgressDisplay {

  private final PrintStream stream;
  private final Duration interval;

  PeriodicProgressDisplay(PrintStream stream, Duration interval) {
    this.stream = stream;
    this.interval = interval;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void show(ProgressSnapshot snapshot) {
    stream.println(ProgressLine.format(snapshot));
  }
}
