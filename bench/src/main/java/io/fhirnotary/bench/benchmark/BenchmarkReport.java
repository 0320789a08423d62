package io.fhirnotary.bench.benchmark;

import io.fhirnotary.bench.load.TextFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The benchmark result as Markdown, ready for docs/BENCHMARKS.md: how it was measured, then one
 * table with a column per mode and, when plain mode was measured too, each other mode's ratio to
 * plain.
 */
public final class BenchmarkReport {

  static final String BASELINE_MODE = "plain";

  private BenchmarkReport() {}

  /**
   * @param modes median figures per mode, in the order they were requested
   */
  public static String markdown(ReportContext context, List<ModeFigures> modes) {
    StringBuilder md = new StringBuilder();
    md.append("### Benchmark, ").append(context.date()).append("\n\n");
    md.append("```\n").append(context.command()).append("\n```\n\n");
    md.append("- Corpus: ")
        .append(context.corpusLabel())
        .append(": ")
        .append(context.bundles())
        .append(" bundles, ")
        .append(TextFormats.count(context.resources()))
        .append(" resources (bundle entries), ")
        .append(TextFormats.bytes(context.corpusBytes()))
        .append("\n");
    md.append("- Machine: ").append(context.machine().describe()).append("\n");
    md.append("- Server JVM options: ")
        .append(
            context.serverJvmOptions().isEmpty()
                ? "JVM defaults"
                : "`" + String.join(" ", context.serverJvmOptions()) + "`")
        .append("; the harness runs on the same machine\n");
    md.append(
        "- Ingest: the loader posts every bundle to a server on a fresh database (hospital and "
            + "practitioner bundles one at a time, then patient bundles with N workers); "
            + "resources/s = bundle entries stored / wall time, starting with the first bundle a "
            + "just-started server sees (so its warm-up counts)\n");
    md.append(
            "- Pharmacy pull: `GET /fhir/MedicationRequest?patient=<id>&status=active` in closed "
                + "loops over the ")
        .append(context.patientsPulled())
        .append(" loaded patients, after the last ingest and a `VACUUM (ANALYZE)` of its database; ")
        .append(context.warmUp().toSeconds())
        .append(" s warm-up, then ")
        .append(context.window().toSeconds())
        .append(
            context.interleavedPullRounds().isPresent()
                ? " s measured per window\n"
                : " s measured per level\n");
    if (context.interleavedPullRounds().isPresent()) {
      md.append(interleaving(context));
    }
    md.append(
        "- Before the pull, the custodian stores one Consent per patient permitting "
            + "`"
            + DevTokens.PHARMACY_ORGANIZATION
            + "` to access MedicationRequests, in every mode, so all servers hold the same data; "
            + "the pull check sends each patient's pull request once and counts the prescriptions "
            + "returned, and the run fails if a mode returns fewer than plain\n");
    if (modes.stream().anyMatch(m -> !m.mode().equals(BASELINE_MODE))) {
      md.append(
          "- Modes: plain runs with `--spring.profiles.active=postgres`, no authentication; "
              + "protected with `dev,postgres`, every request carrying a bearer token from the "
              + "dev token endpoint: ingest and Consents as the custodian `"
              + DevTokens.CUSTODIAN
              + "`, the pull as the pharmacy `"
              + DevTokens.PHARMACY
              + "` (plain mode pulls without a token)\n");
    }
    if (modes.stream().anyMatch(m -> m.mode().equals(ServerLaunch.PROTECTED_UNNOTARISED))) {
      md.append(
          "- protected-unnotarised is protected mode with `--fhirnotary.notary.enabled=false`: "
              + "no notary capture or anchoring; protected (with the notary) against it is the "
              + "cost of capture\n");
    }
    md.append("- Figures are medians of ")
        .append(context.repeats())
        .append(context.repeats() == 1 ? " run" : " runs")
        .append("\n\n");

    Optional<ModeFigures> baseline =
        modes.stream().filter(m -> m.mode().equals(BASELINE_MODE)).findFirst();
    List<ModeFigures> compared =
        baseline.isEmpty() ? List.of() : modes.stream().filter(m -> m != baseline.get()).toList();

    md.append("| figure |");
    modes.forEach(m -> md.append(' ').append(m.mode()).append(" |"));
    compared.forEach(
        m -> md.append(' ').append(m.mode()).append(" / ").append(BASELINE_MODE).append(" |"));
    md.append("\n|---|");
    md.append("---:|".repeat(modes.size() + compared.size()));
    md.append('\n');
    for (Row row : rows(modes.get(0))) {
      md.append("| ").append(row.label()).append(" |");
      for (ModeFigures mode : modes) {
        md.append(' ').append(row.format(row.figure().apply(mode))).append(" |");
      }
      for (ModeFigures mode : compared) {
        md.append(' ')
            .append(ratio(row.figure().apply(mode), row.figure().apply(baseline.get())))
            .append(" |");
      }
      md.append('\n');
    }
    for (ModeFigures mode : modes) {
      if (mode.pullErrors() > 0) {
        md.append("\n**")
            .append(mode.mode())
            .append(": ")
            .append(mode.pullErrors())
            .append(" pull requests did not answer 200; they are left out of the latencies.**\n");
      }
    }
    return md.toString();
  }

  private static String interleaving(ReportContext context) {
    int rounds = context.interleavedPullRounds().getAsInt();
    return String.format(
        Locale.ROOT,
        "- Pulls interleaved: every mode's server kept running after its ingest, then per level %d"
            + " rounds of one %d s window per mode (warm-up %d s each), the mode order reversed"
            + " every other round (A,B then B,A), each window started once all servers used under"
            + " %.0f%% of a core over %d ms (at most %d s wait); p50/p99 over all of a mode's"
            + " windows pooled, requests/s = requests / %d s measured per mode and level%s\n",
        rounds,
        context.window().toSeconds(),
        context.warmUp().toSeconds(),
        QuietWait.MAX_CORES * 100,
        QuietWait.INTERVAL.toMillis(),
        QuietWait.TIMEOUT.toSeconds(),
        rounds * context.window().toSeconds(),
        context.pullWarmUp().isZero()
            ? ""
            : String.format(
                Locale.ROOT,
                "; before the first window each server was pulled from at the lowest level, not"
                    + " measured, until its JIT compiler threads used under %.0f%% of its CPU over"
                    + " %d s (at most %d s)",
                InterleavedPulls.SETTLED_COMPILER_SHARE * 100,
                InterleavedPulls.WARM_UP_SLICE.toSeconds(),
                context.pullWarmUp().toSeconds()));
  }

  /** One table row; {@code decimals} is how precisely the figure is worth printing. */
  private record Row(String label, Function<ModeFigures, Double> figure, int decimals) {

    String format(Double value) {
      if (value == null || value.isNaN()) {
        return "n/a";
      }
      return decimals == 0
          ? TextFormats.count(Math.round(value))
          : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
  }

  private static List<Row> rows(ModeFigures layout) {
    List<Row> rows = new ArrayList<>();
    for (Integer workers : layout.ingestResourcesPerSecond().keySet()) {
      rows.add(
          new Row(
              "ingest, " + plural(workers, "worker") + " (resources/s)",
              m -> m.ingestResourcesPerSecond().get(workers),
              0));
    }
    for (Integer clients : layout.pulls().keySet()) {
      String level = "pull, " + plural(clients, "client");
      rows.add(new Row(level + ": p50 (ms)", m -> pull(m, clients).p50Millis(), 1));
      rows.add(new Row(level + ": p99 (ms)", m -> pull(m, clients).p99Millis(), 1));
      rows.add(new Row(level + ": requests/s", m -> pull(m, clients).requestsPerSecond(), 0));
    }
    rows.add(
        new Row(
            "pull check: prescriptions returned, one request per patient",
            ModeFigures::pullEntries,
            0));
    rows.add(new Row("server peak RSS (MiB)", ModeFigures::peakRssMib, 0));
    rows.add(new Row("server start-up, empty database (s)", ModeFigures::startupSeconds, 1));
    return rows;
  }

  private static PullResult pull(ModeFigures mode, int clients) {
    PullResult result = mode.pulls().get(clients);
    return result == null
        ? new PullResult(clients, 0, 0, Double.NaN, Double.NaN, Double.NaN)
        : result;
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  static String ratio(Double value, Double baseline) {
    if (value == null || baseline == null || value.isNaN() || baseline.isNaN() || baseline == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", value / baseline);
  }
}
