package io.fhirnotary.bench.load;

import java.util.Locale;

/** The one-line view of a running load. */
public final class ProgressLine {

  private ProgressLine() {}

  public static String format(ProgressSnapshot s) {
    int percent = s.bundlesTotal() == 0 ? 100 : (int) (100L * s.bundlesDone() / s.bundlesTotal());
    return String.format(
        Locale.ROOT,
        "bundles %d/%d (%d%%)  resources %s/%s  %s resources/s  failed %d  %s",
        s.bundlesDone(),
        s.bundlesTotal(),
        percent,
        TextFormats.count(s.resourcesStored()),
        TextFormats.count(s.resourcesTotal()),
        TextFormats.count(Math.round(s.resourcesPerSecond())),
        s.bundlesFailed(),
        TextFormats.clock(s.elapsed()));
  }
}
