package io.fhirnotary.bench.load;

import java.io.PrintStream;
import java.time.Duration;

/** Rewrites one terminal line: carriage return, the line, then "erase to end of line". */
final class InPlaceProgressDisplay implements ProgressDisplay {

  private static final String ERASE_TO_END_OF_LINE = "\u001b[K";

  private final PrintStream stream;

  InPlaceProgressDisplay(PrintStream stream) {
    this.stream = stream;
  }

  @Override
  public Duration interval() {
    return Duration.ofMillis(250);
  }

  @Override
  public void show(ProgressSnapshot snapshot) {
    stream.print("\r" + ProgressLine.format(snapshot) + ERASE_TO_END_OF_LINE);
    stream.flush();
  }

  @Override
  public void finish(ProgressSnapshot snapshot) {
    show(snapshot);
    stream.println();
  }
}
