package io.fhirnotary.bench.load;

import java.time.Duration;

/** Events per second, defined as 0 before any time has passed (no division by zero). */
public final class Rates {

  private Rates() {}

  public static double perSecond(long count, Duration elapsed) {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : count / seconds;
  }
}
