package io.fhirnotary.bench.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.bench.benchmark.MachineFacts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValidationReportTests {

  private static final MachineFacts MACHINE =
      new MachineFacts(
          2,
          "Test CPU",
          24L * 1024 * 1024,
          "Linux 6.1 amd64",
          "17.0.15",
          "OpenJDK 64-Bit Server VM",
          "15.20");

  private static ReportContext context(List<String> otherJavaProcesses) {
    return new ReportContext(
        "bench/validation --repeat 3 --server-jvm-opt -Xmx1g",
        3,
        500,
        50,
        4,
        8,
        2,
        Duration.ofSeconds(3),
        Duration.ofSeconds(10),
        List.of("-Xmx1g"),
        MACHINE,
        otherJavaProcesses,
        LocalDate.of(2026, 1, 2));
  }

  /** Creates at 1 and 4 clients, $validate-code at 1 and 16. */
  private static ValidationFigures figures(String mode, double createP50, double codeRate) {
    TreeMap<Integer, LoopResult> creates = new TreeMap<>();
    creates.put(4, new LoopResult(4, 500, 0, createP50 * 2, createP50 * 5, 4000 / createP50));
    creates.put(1, new LoopResult(1, 500, 0, createP50, createP50 * 3, 1000 / createP50));
    TreeMap<Integer, LoopResult> codes = new TreeMap<>();
    codes.put(1, new LoopResult(1, 1000, 0, 1.5, 4, codeRate));
    codes.put(16, new LoopResult(16, 9000, 0, 8, 30, codeRate * 3));
    return new ValidationFigures(mode, creates, codes, 900, 40.25);
  }

  @Test
  void saysHowItWasMeasured() {
    String md =
        ValidationReport.markdown(context(List.of()), List.of(figures("plain", 10, 600)));

    assertThat(md)
        .startsWith("### Validation overhead, 2026-01-02\n\n")
        .contains("```\nbench/validation --repeat 3 --server-jvm-opt -Xmx1g\n```\n")
        .contains("2 cores (Test CPU), 24.0 GiB RAM, Linux 6.1 amd64; Java 17.0.15")
        .contains("PostgreSQL 15.20")
        .contains("`-Xmx1g`")
        .contains("8 patients and 2 practitioners")
        .contains("50 warm-up creates (4 clients, not measured)")
        .contains("share 500 `POST /fhir/MedicationRequest`")
        .contains("every create must answer 201")
        .contains("CodeSystem/$validate-code?url=http://www.nlm.nih.gov/research/umls/rxnorm")
        .contains("3 s warm-up, then 10 s measured per level")
        .contains("medians of 3 runs; the order of the modes alternates")
        .contains("No other Java process was seen");
  }

  @Test
  void tableHasAColumnPerModeAndTheRatioToPlain() {
    String md =
        ValidationReport.markdown(
            context(List.of()), List.of(figures("plain", 10, 600), figures("protected", 25, 540)));

    assertThat(md)
        .contains("| figure | plain | protected | protected / plain |\n|---|---:|---:|---:|\n")
        .contains("| MedicationRequest create, 1 client: p50 (ms) | 10.0 | 25.0 | 2.50 |\n")
        .contains("| MedicationRequest create, 1 client: p99 (ms) | 30.0 | 75.0 | 2.50 |\n")
        .contains("| MedicationRequest create, 1 client: creates/s | 100.0 | 40.0 | 0.40 |\n")
        .contains("| MedicationRequest create, 4 clients: p50 (ms) | 20.0 | 50.0 | 2.50 |\n")
        .contains("| `$validate-code`, 1 client: requests/s | 600 | 540 | 0.90 |\n")
        .contains("| `$validate-code`, 16 clients: requests/s | 1,800 | 1,620 | 0.90 |\n")
        .contains("| server peak RSS (MiB) | 900 | 900 | 1.00 |\n")
        .contains("| server start-up, empty database (s) | 40.3 | 40.3 | 1.00 |\n")
        .contains("| failed requests, all runs | 0 | 0 |  |\n")
        .doesNotContain("wrong answer");
    assertThat(md.indexOf("create, 1 client: p50")).isLessThan(md.indexOf("create, 4 clients"));
    assertThat(md.indexOf("create, 4 clients"))
        .isLessThan(md.indexOf("`$validate-code`, 1 client"));
  }

  @Test
  void withoutPlainThereIsNoRatio() {
    String md =
        ValidationReport.markdown(context(List.of()), List.of(figures("protected", 25, 540)));

    assertThat(md).contains("| figure | protected |\n|---|---:|\n").doesNotContain("/ plain");
  }

  @Test
  void namesOtherJavaProcessesAsACaveat() {
    String md =
        ValidationReport.markdown(
            context(List.of("pid 7: Maven -B test", "pid 9: java -jar other.jar")),
            List.of(figures("plain", 10, 600)));

    assertThat(md)
        .contains("**Caveat:** other Java processes were running")
        .contains("`pid 7: Maven -B test`; `pid 9: java -jar other.jar`")
        .doesNotContain("No other Java process");
  }

  @Test
  void flagsFailedRequestsAndMissingFigures() {
    TreeMap<Integer, LoopResult> creates = new TreeMap<>();
    creates.put(1, new LoopResult(1, 0, 3, Double.NaN, Double.NaN, 0));
    ValidationFigures broken = new ValidationFigures("protected", creates, new TreeMap<>(), 0, 1);

    String md =
        ValidationReport.markdown(context(List.of()), List.of(figures("plain", 10, 600), broken));

    assertThat(md)
        .contains("| MedicationRequest create, 1 client: p50 (ms) | 10.0 | n/a | n/a |\n")
        .contains("| `$validate-code`, 1 client: requests/s | 600 | n/a | n/a |\n")
        .contains("| failed requests, all runs | 0 | 3 |  |\n")
        .contains("**protected: 3 requests got a wrong answer; these figures are not valid.**");
  }

  @Test
  void ratioNeedsTwoNumbersAndANonZeroBaseline() {
    assertThat(ValidationReport.ratio(3.0, 2.0)).isEqualTo("1.50");
    assertThat(ValidationReport.ratio(3.0, 0.0)).isEqualTo("n/a");
    assertThat(ValidationReport.ratio(Double.NaN, 2.0)).isEqualTo("n/a");
    assertThat(ValidationReport.ratio(null, 2.0)).isEqualTo("n/a");
  }
}
