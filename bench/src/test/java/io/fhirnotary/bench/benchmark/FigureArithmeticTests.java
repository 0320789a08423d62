package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FigureArithmeticTests {

  @Test
  void nearestRankPercentileIsAnObservedValue() {
    long[] values = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

    assertThat(Percentiles.nearestRank(values, 50)).isEqualTo(50);
    assertThat(Percentiles.nearestRank(values, 51)).isEqualTo(60);
    assertThat(Percentiles.nearestRank(values, 99)).isEqualTo(100);
    assertThat(Percentiles.nearestRank(values, 100)).isEqualTo(100);
    assertThat(Percentiles.nearestRank(values, 1)).isEqualTo(10);
  }

  @Test
  void p99OfAHundredSamplesIgnoresOnlyTheSlowestOne() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i + 1;
    }

    assertThat(Percentiles.nearestRank(values, 99)).isEqualTo(99);
  }

  @Test
  void percentileOfASingleSampleIsThatSample() {
    assertThat(Percentiles.nearestRank(new long[] {42}, 50)).isEqualTo(42);
    assertThat(Percentiles.nearestRank(new long[] {42}, 99)).isEqualTo(42);
  }

  @Test
  void percentileRejectsNoValuesAndOutOfRangePercentiles() {
    assertThatThrownBy(() -> Percentiles.nearestRank(new long[0], 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(new long[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void medianOfOddCountIsTheMiddleAndOfEvenCountTheMeanOfTheTwoMiddles() {
    assertThat(Medians.of(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
    assertThat(Medians.of(List.of(4.0, 1.0, 3.0, 100.0))).isEqualTo(3.5);
  }

  @Test
  void pullResultTurnsNanosecondLatenciesIntoMillisecondsAndRate() {
    long[] latencies = {1_000_000, 2_000_000, 3_000_000, 4_000_000};

    PullResult result = PullResult.of(4, latencies, 1, Duration.ofSeconds(2));

    assertThat(result.p50Millis()).isEqualTo(2.0);
    assertThat(result.p99Millis()).isEqualTo(4.0);
    assertThat(result.requestsPerSecond()).isEqualTo(2.0);
    assertThat(result.errors()).isEqualTo(1);
  }

  @Test
  void modeMedianTakesEachFigureSeparately() {
    ModeFigures a = figures(100, 5.0, 900, 1000);
    ModeFigures b = figures(300, 1.0, 500, 3000);
    ModeFigures c = figures(200, 3.0, 700, 2000);

    ModeFigures median = ModeFigures.median(List.of(a, b, c));

    assertThat(median.ingestResourcesPerSecond().get(1)).isEqualTo(200);
    assertThat(median.pulls().get(4).p50Millis()).isEqualTo(3.0);
    assertThat(median.pulls().get(4).requestsPerSecond()).isEqualTo(700);
    assertThat(median.pulls().get(4).requests()).isEqualTo(30);
    assertThat(median.peakRssMib()).isEqualTo(2000);
  }

  @Test
  void latencySamplesOfAllWorkersAreMergedAndSorted() {
    LatencySamples a = new LatencySamples();
    LatencySamples b = new LatencySamples();
    for (int i = 0; i < 1000; i++) {
      a.add(2000 - i);
    }
    b.add(1);
    b.add(5000);

    long[] all = LatencySamples.mergeSorted(List.of(a, b));

    assertThat(all).hasSize(1002);
    assertThat(all[0]).isEqualTo(1);
    assertThat(all[1]).isEqualTo(1001);
    assertThat(all[1001]).isEqualTo(5000);
  }

  private static ModeFigures figures(double ingest, double p50, double rps, double rss) {
    TreeMap<Integer, Double> ingestByWorkers = new TreeMap<>();
    ingestByWorkers.put(1, ingest);
    TreeMap<Integer, PullResult> pulls = new TreeMap<>();
    pulls.put(4, new PullResult(4, 10, 0, p50, p50 * 2, rps));
    return new ModeFigures("plain", ingestByWorkers, pulls, 40, rss, 10);
  }
}
