package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BenchmarkReportTests {

  private static final MachineFacts MACHINE =
      new MachineFacts(
          2,
          "Test CPU",
          24L * 1024 * 1024,
          "Linux 6.1 amd64",
          "17.0.15",
          "OpenJDK 64-Bit Server VM",
          "15.20");

  private static ReportContext context() {
    return context(OptionalInt.empty());
  }

  private static ReportContext context(OptionalInt interleavedPullRounds) {
    return new ReportContext(
        "bench/run --patients 20 --modes plain,protected",
        "Synthea 3.3.0, 20 patients, seed 42",
        22,
        41_366,
        114L * 1024 * 1024,
        20,
        3,
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        interleavedPullRounds,
        interleavedPullRounds.isPresent() ? Duration.ofSeconds(60) : Duration.ZERO,
        List.of("-Xmx2g"),
        MACHINE,
        LocalDate.of(2025, 1, 1));
  }

  private static ModeFigures figures(
      String mode, double ingest1, double ingest4, double p50, double rss) {
    TreeMap<Integer, Double> ingest = new TreeMap<>();
    ingest.put(1, ingest1);
    ingest.put(4, ingest4);
    TreeMap<Integer, PullResult> pulls = new TreeMap<>();
    pulls.put(1, new PullResult(1, 100, 0, p50, p50 * 3, 1000 / p50));
    pulls.put(16, new PullResult(16, 900, 0, p50 * 4, p50 * 10, 4000 / p50));
    return new ModeFigures(mode, ingest, pulls, 57, rss, 12.5);
  }

  @Test
  void describesCorpusMachineAndMethod() {
    String md = BenchmarkReport.markdown(context(), List.of(figures("plain", 500, 900, 4, 1500)));

    assertThat(md)
        .contains("bench/run --patients 20 --modes plain,protected")
        .contains("Synthea 3.3.0, 20 patients, seed 42: 22 bundles, 41,366 resources")
        .contains("2 cores (Test CPU), 24.0 GiB RAM, Linux 6.1 amd64; Java 17.0.15")
        .contains("PostgreSQL 15.20")
        .contains("`-Xmx2g`")
        .contains("over the 20 loaded patients")
        .contains("5 s warm-up, then 15 s measured")
        .contains("medians of 3 runs")
        .contains("one Consent per patient permitting `Organization/demo-pharmacy-1`")
        .doesNotContain("protected with `dev,postgres`");
  }

  @Test
  void saysWhenAndHowThePullsWereInterleaved() {
    List<ModeFigures> modes =
        List.of(figures("plain", 500, 900, 4, 1500), figures("protected", 400, 800, 5, 1700));

    String interleaved = BenchmarkReport.markdown(context(OptionalInt.of(4)), modes);
    String sequential = BenchmarkReport.markdown(context(), modes);

    assertThat(interleaved)
        .contains("5 s warm-up, then 15 s measured per window\n")
        .contains("- Pulls interleaved: ")
        .contains("per level 4 rounds of one 15 s window per mode (warm-up 5 s each)")
        .contains("under 5% of a core over 300 ms")
        .contains("requests / 60 s measured per mode and level; before the first window each"
            + " server was pulled from at the lowest level, not measured, until its JIT compiler"
            + " threads used under 10% of its CPU over 10 s (at most 60 s)");
    assertThat(sequential)
        .contains("5 s warm-up, then 15 s measured per level\n")
        .doesNotContain("interleaved");
    assertThat(tableOf(interleaved)).isEqualTo(tableOf(sequential));
  }

  private static String tableOf(String markdown) {
    return markdown.substring(markdown.indexOf("| figure |"));
  }

  @Test
  void oneModeGivesOneFigureColumnAndNoRatio() {
    String md = BenchmarkReport.markdown(context(), List.of(figures("plain", 500, 900, 4, 1500)));

    assertThat(md)
        .contains("| figure | plain |\n|---|---:|\n")
        .contains("| ingest, 1 worker (resources/s) | 500 |\n")
        .contains("| ingest, 4 workers (resources/s) | 900 |\n")
        .contains("| pull, 1 client: p50 (ms) | 4.0 |\n")
        .contains("| pull, 1 client: p99 (ms) | 12.0 |\n")
        .contains("| pull, 16 clients: requests/s | 1,000 |\n")
        .contains("| server peak RSS (MiB) | 1,500 |\n")
        .doesNotContain("/ plain");
  }

  @Test
  void protectedNextToPlainGetsARatioColumn() {
    String md =
        BenchmarkReport.markdown(
            context(),
            List.of(figures("plain", 500, 1000, 4, 1500), figures("protected", 250, 800, 6, 1800)));

    assertThat(md)
        .contains("| figure | plain | protected | protected / plain |\n|---|---:|---:|---:|\n")
        .contains("| ingest, 1 worker (resources/s) | 500 | 250 | 0.50 |\n")
        .contains("| ingest, 4 workers (resources/s) | 1,000 | 800 | 0.80 |\n")
        .contains("| pull, 1 client: p50 (ms) | 4.0 | 6.0 | 1.50 |\n")
        .contains("| pull check: prescriptions returned, one request per patient | 57 | 57 | 1.00 |\n")
        .contains("| server peak RSS (MiB) | 1,500 | 1,800 | 1.20 |\n")
        .contains("protected with `dev,postgres`")
        .contains("the pull as the pharmacy `demo-pharmacy-1`");
  }

  @Test
  void flagsPullErrorsBelowTheTable() {
    ModeFigures withErrors = figures("plain", 1, 1, 1, 1);
    TreeMap<Integer, PullResult> pulls = new TreeMap<>(withErrors.pulls());
    pulls.put(1, new PullResult(1, 10, 3, 1, 2, 3));
    withErrors =
        new ModeFigures("plain", withErrors.ingestResourcesPerSecond(), pulls, 57, 1, 1);

    assertThat(BenchmarkReport.markdown(context(), List.of(withErrors)))
        .contains("plain: 3 pull requests did not answer 200");
  }

  @Test
  void ratioIsNotAvailableWithoutABaseline() {
    assertThat(BenchmarkReport.ratio(3.0, 0.0)).isEqualTo("n/a");
    assertThat(BenchmarkReport.ratio(Double.NaN, 1.0)).isEqualTo("n/a");
    assertThat(BenchmarkReport.ratio(3.0, 2.0)).isEqualTo("1.50");
  }
}
