package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.load.TextFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The validation benchmark as Markdown for docs/BENCHMARKS.md: how it was measured, then one table
 * with a column per mode and, when plain mode was measured too, each other mode's ratio to plain.
 */
final class ValidationReport {

  static final String BASELINE_MODE = "plain";

  private ValidationReport() {}

  /**
   * @param modes median figures per mode, in the order they were requested
   */
  static String markdown(ReportContext context, List<ValidationFigures> modes) {
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("no modes");
    }
    StringBuilder md = new StringBuilder();
    md.append("### Validation overhead, ").append(context.date()).append("\n\n");
    md.append("```\n").append(context.command()).append("\n```\n\n");
    describeMethod(context, md);

    Optional<ValidationFigures> baseline =
        modes.stream().filter(m -> m.mode().equals(BASELINE_MODE)).findFirst();
    List<ValidationFigures> compared =
        baseline.isEmpty() ? List.of() : modes.stream().filter(m -> m != baseline.get()).toList();

    md.append("| figure |");
    modes.forEach(m -> md.append(' ').append(m.mode()).append(" |"));
    compared.forEach(
        m -> md.append(' ').append(m.mode()).append(" / ").append(BASELINE_MODE).append(" |"));
    md.append("\n|---|").append("---:|".repeat(modes.size() + compared.size())).append('\n');
    for (Row row : rows(modes.get(0))) {
      md.append("| ").append(row.label()).append(" |");
      for (ValidationFigures mode : modes) {
        md.append(' ').append(row.format(row.figure().apply(mode))).append(" |");
      }
      for (ValidationFigures mode : compared) {
        String cell =
            row.compared()
                ? ratio(row.figure().apply(mode), row.figure().apply(baseline.get()))
                : "";
        md.append(' ').append(cell).append(" |");
      }
      md.append('\n');
    }
    for (ValidationFigures mode : modes) {
      if (mode.errors() > 0) {
        md.append("\n**")
            .append(mode.mode())
            .append(": ")
            .append(TextFormats.count(mode.errors()))
            .append(" requests got a wrong answer; these figures are not valid.**\n");
      }
    }
    return md.toString();
  }

  private static void describeMethod(ReportContext context, StringBuilder md) {
    md.append("- Machine: ").append(context.machine().describe()).append("\n");
    md.append("- Server JVM options: ")
        .append(
            context.serverJvmOptions().isEmpty()
                ? "JVM defaults"
                : "`" + String.join(" ", context.serverJvmOptions()) + "`")
        .append("; the harness runs on the same machine\n");
    if (context.otherJavaProcesses().isEmpty()) {
      md.append("- No other Java process was seen running during the measurements\n");
    } else {
      md.append(
              "- **Caveat:** other Java processes were running during the measurements and "
                  + "shared the CPU, so these figures may be lower than on an idle machine: ")
          .append(
              String.join(
                  "; ", context.otherJavaProcesses().stream().map(p -> "`" + p + "`").toList()))
          .append("\n");
    }
    md.append(
        "- Modes: `plain` stores MedicationRequests unchecked; `protected` validates every create "
            + "first (HAPI instance validator, RxNorm codes known to the loaded terminology, UCUM "
            + "dose units, references that resolve, prescription rules) and requires bearer tokens "
            + "(it runs in the dev profile; every request carries a token of the custodian client "
            + "`demo-custodian-ehr`). Both modes get the same requests, each on a server just "
            + "started on a fresh PostgreSQL database\n");
    md.append("- Create: ")
        .append(context.patients())
        .append(" patients and ")
        .append(context.practitioners())
        .append(" practitioners are created first, then ")
        .append(context.warmUpCreates())
        .append(" warm-up creates (")
        .append(plural(context.warmUpClients(), "client"))
        .append(", not measured); at each level N clients in closed loops share ")
        .append(TextFormats.count(context.creates()))
        .append(
            " `POST /fhir/MedicationRequest` of valid prescriptions (RxNorm 314076 or 197361, "
                + "dose in UCUM mg); every create must answer 201. p50/p99 over the creates, "
                + "creates/s = creates / wall time of the level\n");
    md.append(
            "- `$validate-code`: `GET /fhir/CodeSystem/$validate-code?url="
                + Prescriptions.RXNORM
                + "&code=...`, known (314076, 197361) and unknown codes in turn, N clients in "
                + "closed loops on the same server after the creates; ")
        .append(context.warmUp().toSeconds())
        .append(" s warm-up, then ")
        .append(context.window().toSeconds())
        .append(
            " s measured per level; every answer must be 200 with a Parameters resource whose "
                + "`result` is right\n");
    md.append("- Figures are medians of ")
        .append(context.repeats())
        .append(context.repeats() == 1 ? " run" : " runs");
    if (context.repeats() > 1) {
      md.append("; the order of the modes alternates from run to run");
    }
    md.append("\n\n");
  }

  /**
   * One table row; {@code decimals} is how precisely the figure is worth printing, {@code
   * compared} whether a ratio to plain means anything.
   */
  private record Row(
      String label, Function<ValidationFigures, Double> figure, int decimals, boolean compared) {

    String format(Double value) {
      if (value == null || value.isNaN()) {
        return "n/a";
      }
      return decimals == 0
          ? TextFormats.count(Math.round(value))
          : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
  }

  private static List<Row> rows(ValidationFigures layout) {
    List<Row> rows = new ArrayList<>();
    for (Integer clients : layout.creates().keySet()) {
      String level = "MedicationRequest create, " + plural(clients, "client");
      Function<ValidationFigures, LoopResult> loop = m -> level(m.creates(), clients);
      rows.add(new Row(level + ": p50 (ms)", m -> loop.apply(m).p50Millis(), 1, true));
      rows.add(new Row(level + ": p99 (ms)", m -> loop.apply(m).p99Millis(), 1, true));
      rows.add(new Row(level + ": creates/s", m -> loop.apply(m).perSecond(), 1, true));
    }
    for (Integer clients : layout.codeChecks().keySet()) {
      String level = "`$validate-code`, " + plural(clients, "client");
      Function<ValidationFigures, LoopResult> loop = m -> level(m.codeChecks(), clients);
      rows.add(new Row(level + ": p50 (ms)", m -> loop.apply(m).p50Millis(), 1, true));
      rows.add(new Row(level + ": p99 (ms)", m -> loop.apply(m).p99Millis(), 1, true));
      rows.add(new Row(level + ": requests/s", m -> loop.apply(m).perSecond(), 0, true));
    }
    rows.add(new Row("server peak RSS (MiB)", ValidationFigures::peakRssMib, 0, true));
    rows.add(
        new Row(
            "server start-up, empty database (s)", ValidationFigures::startupSeconds, 1, true));
    rows.add(new Row("failed requests, all runs", m -> (double) m.errors(), 0, false));
    return rows;
  }

  private static LoopResult level(SortedMap<Integer, LoopResult> loops, int clients) {
    LoopResult result = loops.get(clients);
    return result == null
        ? new LoopResult(clients, 0, 0, Double.NaN, Double.NaN, Double.NaN)
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
