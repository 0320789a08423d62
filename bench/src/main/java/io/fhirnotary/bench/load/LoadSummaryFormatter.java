package io.fhirnotary.bench.load;

/** The human-readable end of a load. */
public final class LoadSummaryFormatter {

  private LoadSummaryFormatter() {}

  public static String format(LoadSummary s) {
    StringBuilder text = new StringBuilder();
    text.append("Loaded ")
        .append(s.bundlesStored())
        .append(" of ")
        .append(s.bundlesTotal())
        .append(" bundles: ")
        .append(TextFormats.count(s.resourcesStored()))
        .append(" resources in ")
        .append(TextFormats.seconds(s.elapsed()))
        .append(" (")
        .append(TextFormats.count(Math.round(s.resourcesPerSecond())))
        .append(" resources/s), ")
        .append(s.bundlesFailed())
        .append(s.bundlesFailed() == 1 ? " error" : " errors")
        .append(".\n");
    if (s.bundlesSkipped() > 0) {
      text.append("  ")
          .append(s.bundlesSkipped())
          .append(s.bundlesSkipped() == 1 ? " bundle was" : " bundles were")
          .append(" not posted: the hospital or practitioner bundles they refer to failed.\n");
    }
    if (!s.firstErrors().isEmpty()) {
      boolean partial = s.firstErrors().size() < s.bundlesFailed();
      text.append(partial ? "First " + s.firstErrors().size() + " errors:\n" : "Errors:\n");
      for (String error : s.firstErrors()) {
        text.append("  ").append(error).append('\n');
      }
    }
    return text.toString();
  }
}
