package io.fhirnotary.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * The result of loading a corpus.
 *
 * @param bundlesSkipped bundles never posted because a phase they depend on failed
 * @param resourcesStored entries the server stored (the unit of the resources/s figure)
 * @param firstErrors the first few failures, as "file: status and diagnostics"
 */
public record LoadSummary(
    int bundlesTotal,
    int bundlesStored,
    int bundlesFailed,
    int bundlesSkipped,
    long resourcesStored,
    Duration elapsed,
    List<String> firstErrors) {

  public LoadSummary {
    firstErrors = List.copyOf(firstErrors);
  }

  /** Every bundle was posted and stored. */
  public boolean complete() {
    return bundlesFailed == 0 && bundlesSkipped == 0;
  }

  public double resourcesPerSecond() {
    return Rates.perSecond(resourcesStored, elapsed);
  }
}
