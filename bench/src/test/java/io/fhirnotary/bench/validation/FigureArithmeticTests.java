package io.fhirnotary.bench.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FigureArithmeticTests {

  @Test
  void loopResultTakesNearestRankPercentilesAndARatePerSecond() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (i + 1) * 1_000_000L; // 1 ms .. 100 ms
    }

    LoopResult result = LoopResult.of(4, nanos, 2, Duration.ofMillis(2500));

    assertThat(result.concurrency()).isEqualTo(4);
    assertThat(result.requests()).isEqualTo(100);
    assertThat(result.errors()).isEqualTo(2);
    assertThat(result.p50Millis()).isEqualTo(50.0);
    assertThat(result.p99Millis()).isEqualTo(99.0);
    assertThat(result.perSecond()).isCloseTo(40.0, within(1e-9));
  }

  @Test
  void loopWithoutARightAnswerHasNoLatencies() {
    LoopResult result = LoopResult.of(1, new long[0], 5, Duration.ofSeconds(1));

    assertThat(result.requests()).isZero();
    assertThat(result.errors()).isEqualTo(5);
    assertThat(result.p50Millis()).isNaN();
    assertThat(result.perSecond()).isZero();
  }

  @Test
  void mediansAreTakenFigureByFigureAndCountsSummed() {
    ValidationFigures run1 = run(10, 30, 100, 800, 40, 1);
    ValidationFigures run2 = run(12, 90, 80, 900, 50, 0);
    ValidationFigures run3 = run(11, 40, 95, 850, 45, 0);

    ValidationFigures median = ValidationFigures.median(List.of(run1, run2, run3));

    LoopResult creates = median.creates().get(1);
    assertThat(creates.p50Millis()).isEqualTo(11);
    assertThat(creates.p99Millis()).isEqualTo(40);
    assertThat(creates.perSecond()).isEqualTo(95);
    assertThat(creates.requests()).isEqualTo(1500);
    assertThat(creates.errors()).isEqualTo(1);
    assertThat(median.codeChecks().get(16).perSecond()).isEqualTo(850);
    assertThat(median.peakRssMib()).isEqualTo(45);
    assertThat(median.startupSeconds()).isEqualTo(45);
    assertThat(median.errors()).isEqualTo(1);
    assertThat(median.mode()).isEqualTo("protected");
  }

  private static ValidationFigures run(
      double p50, double p99, double createRate, double codeRate, double rss, long errors) {
    TreeMap<Integer, LoopResult> creates = new TreeMap<>();
    creates.put(1, new LoopResult(1, 500, errors, p50, p99, createRate));
    TreeMap<Integer, LoopResult> codes = new TreeMap<>();
    codes.put(16, new LoopResult(16, 10_000, 0, 2, 9, codeRate));
    return new ValidationFigures("protected", creates, codes, rss, rss);
  }
}
