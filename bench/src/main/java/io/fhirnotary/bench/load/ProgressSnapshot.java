package io.fhirnotary.bench.load;

import java.time.Duration;

/** The state of a load at one moment. */
public record ProgressSnapshot(
    int bundlesDone,
    int bundlesTotal,
    long resourcesStored,
    long resourcesTotal,
    int bundlesFailed,
    Duration elapsed) {

  public double resourcesPerSecond() {
    return Rates.perSecond(resourcesStored, elapsed);
  }
}
