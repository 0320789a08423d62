package io.fhirnotary.bench.load;

import java.util.List;

/**
 * Bundles that may be posted in any order relative to each other, after every earlier phase
 * finished.
 *
 * @param concurrent whether the bundles of this phase may be in flight at the same time
 */
public record LoadPhase(String name, List<BundleFile> bundles, boolean concurrent) {

  public LoadPhase {
    bundles = List.copyOf(bundles);
  }
}
