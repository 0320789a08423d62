package io.fhirnotary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryAndProgressFormattingTests {

  @Test
  void summaryStatesBundlesResourcesTimeAndRate() {
    LoadSummary summary =
        new LoadSummary(22, 22, 0, 0, 41_366, Duration.ofMillis(83_400), List.of());

    assertThat(LoadSummaryFormatter.format(summary))
        .isEqualTo(
            "Loaded 22 of 22 bundles: 41,366 resources in 83.4 s (496 resources/s), 0 errors.\n");
    assertThat(summary.complete()).isTrue();
  }

  @Test
  void summaryListsTheFirstErrorsAndSaysWhenThereWereMore() {
    LoadSummary summary =
        new LoadSummary(
            30,
            20,
            8,
            2,
            1_000,
            Duration.ofSeconds(10),
            List.of("a.json: HTTP 413", "b.json: HTTP 500"));

    String text = LoadSummaryFormatter.format(summary);

    assertThat(summary.complete()).isFalse();
    assertThat(text)
        .startsWith(
            "Loaded 20 of 30 bundles: 1,000 resources in 10.0 s (100 resources/s), 8 errors.\n")
        .contains("2 bundles were not posted")
        .contains("First 2 errors:\n  a.json: HTTP 413\n  b.json: HTTP 500\n");
  }

  @Test
  void summaryOfAnInstantLoadHasRateZeroInsteadOfDividingByZero() {
    LoadSummary summary = new LoadSummary(0, 0, 0, 0, 0, Duration.ZERO, List.of());

    assertThat(summary.resourcesPerSecond()).isZero();
  }

  @Test
  void progressLineShowsShareDoneRateFailuresAndClock() {
    ProgressSnapshot snapshot =
        new ProgressSnapshot(11, 22, 12_000, 41_366, 1, Duration.ofSeconds(75));

    assertThat(ProgressLine.format(snapshot))
        .isEqualTo("bundles 11/22 (50%)  resources 12,000/41,366  160 resources/s  failed 1  1:15");
  }

  @Test
  void clockShowsHoursOnlyWhenNeeded() {
    assertThat(TextFormats.clock(Duration.ofSeconds(7))).isEqualTo("0:07");
    assertThat(TextFormats.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
  }

  @Test
  void bytesAreShownInBinaryUnits() {
    assertThat(TextFormats.bytes(2048)).isEqualTo("2.0 KiB");
    assertThat(TextFormats.bytes(123_456_789)).isEqualTo("117.7 MiB");
  }
}
