package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class InterleavedPullTests {

  @Test
  void theModeOrderReversesEveryOtherRound() {
    List<String> modes = List.of("plain", "protected", "protected-unnotarised");

    assertThat(PullSchedule.modesInRound(modes, 1)).isEqualTo(modes);
    assertThat(PullSchedule.modesInRound(modes, 2))
        .containsExactly("protected-unnotarised", "protected", "plain");
    assertThat(PullSchedule.modesInRound(modes, 3)).isEqualTo(modes);
    assertThatThrownBy(() -> PullSchedule.modesInRound(modes, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theScheduleRunsEveryRoundOfALevelBeforeTheNextLevel() {
    List<PullSlot> slots = PullSchedule.of(List.of(1, 16), List.of("a", "b"), 3);

    assertThat(slots)
        .containsExactly(
            new PullSlot(1, 1, "a"),
            new PullSlot(1, 1, "b"),
            new PullSlot(1, 2, "b"),
            new PullSlot(1, 2, "a"),
            new PullSlot(1, 3, "a"),
            new PullSlot(1, 3, "b"),
            new PullSlot(16, 1, "a"),
            new PullSlot(16, 1, "b"),
            new PullSlot(16, 2, "b"),
            new PullSlot(16, 2, "a"),
            new PullSlot(16, 3, "a"),
            new PullSlot(16, 3, "b"));
  }

  @Test
  void poolingTakesPercentilesOverAllSamplesAndTheRateOverAllMeasuredTime() {
    // A fast window with many requests and a slow one with few: the pooled p50 lies in the fast
    // one, where a median or mean of the two windows' p50s would not.
    long[] fast = new long[90];
    for (int i = 0; i < fast.length; i++) {
      fast[i] = (i + 1) * 1_000_000L; // 1..90 ms
    }
    long[] slow = new long[10];
    for (int i = 0; i < slow.length; i++) {
      slow[i] = (500 + i) * 1_000_000L; // 500..509 ms
    }
    PullWindow first = new PullWindow(4, fast, 2, Duration.ofSeconds(3));
    PullWindow second = new PullWindow(4, slow, 1, Duration.ofSeconds(2));

    PullResult pooled = PullWindow.pooled(List.of(second, first));

    assertThat(pooled.concurrency()).isEqualTo(4);
    assertThat(pooled.requests()).isEqualTo(100);
    assertThat(pooled.errors()).isEqualTo(3);
    assertThat(pooled.p50Millis()).isEqualTo(50.0);
    assertThat(pooled.p99Millis()).isEqualTo(508.0);
    assertThat(pooled.requestsPerSecond()).isEqualTo(20.0);
    assertThat(first.result().p50Millis()).isEqualTo(45.0);
    assertThat(second.result().p50Millis()).isEqualTo(504.0);
  }

  @Test
  void poolingOneWindowGivesThatWindowsFigures() {
    PullWindow only =
        new PullWindow(1, new long[] {2_000_000, 4_000_000}, 0, Duration.ofSeconds(1));

    assertThat(PullWindow.pooled(List.of(only))).isEqualTo(only.result());
  }

  @Test
  void poolingRefusesNoWindowsAndWindowsOfDifferentLevels() {
    PullWindow one = new PullWindow(1, new long[] {1}, 0, Duration.ofSeconds(1));
    PullWindow four = new PullWindow(4, new long[] {1}, 0, Duration.ofSeconds(1));

    assertThatThrownBy(() -> PullWindow.pooled(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PullWindow.pooled(List.of(one, four)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A server that answers every request of its n-th window in n ms (n counted over all servers),
   * and notes in a shared journal when it was measured and when the quiet wait read CPU time.
   */
  private static final class FakeTarget implements PullTarget {
    private final String mode;
    private final List<String> journal;
    private final List<String> lengths = new ArrayList<>();
    /** Compiler ticks added per measured call; all ticks grow by 100 per call. */
    private final List<Long> compilerTicksPerCall;
    private long calls;
    private long compilerTicks;

    FakeTarget(String mode, List<String> journal) {
      this(mode, journal, List.of());
    }

    FakeTarget(String mode, List<String> journal, List<Long> compilerTicksPerCall) {
      this.mode = mode;
      this.journal = journal;
      this.compilerTicksPerCall = compilerTicksPerCall;
    }

    @Override
    public Optional<CompilerLoad> compilerLoad() {
      return Optional.of(new CompilerLoad(compilerTicks, calls * 100));
    }

    @Override
    public String mode() {
      return mode;
    }

    @Override
    public PullWindow measure(int clients, Duration warmUp, Duration window) {
      journal.add(mode + "@" + clients);
      lengths.add(warmUp.toSeconds() + "+" + window.toSeconds() + " s");
      compilerTicks += calls < compilerTicksPerCall.size() ? compilerTicksPerCall.get((int) calls) : 0;
      calls++;
      long windowNumber = journal.stream().filter(e -> e.contains("@")).count();
      long[] latencies = new long[10];
      Arrays.fill(latencies, windowNumber * 1_000_000L);
      return new PullWindow(clients, latencies, 0, window);
    }
  }

  /** A quiet wait on a fake clock that notes each CPU reading in the journal. */
  private static QuietWait quietWait(List<String> journal) {
    QuietWait.Clock clock =
        new QuietWait.Clock() {
          private long nanos;

          @Override
          public long nanoTime() {
            return nanos;
          }

          @Override
          public void sleep(Duration duration) {
            nanos += duration.toNanos();
          }
        };
    return new QuietWait(
        () -> {
          journal.add("quiet?");
          return 0;
        },
        new QuietRule(0.05, 100),
        Duration.ofMillis(300),
        Duration.ofSeconds(30),
        clock);
  }

  @Test
  void waitsForQuietBeforeEveryWindowAndPoolsEachModesWindowsPerLevel() throws Exception {
    List<String> journal = new ArrayList<>();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    InterleavedPulls pulls =
        new InterleavedPulls(
            List.of(1, 4),
            2,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ZERO,
            quietWait(journal),
            new PrintStream(progress, true, StandardCharsets.UTF_8));

    Map<String, SortedMap<Integer, PullResult>> results =
        pulls.run(
            List.of(new FakeTarget("plain", journal), new FakeTarget("protected", journal)),
            "[test]");

    assertThat(journal)
        .containsExactly(
            "quiet?",
            "quiet?",
            "plain@1",
            "quiet?",
            "quiet?",
            "protected@1",
            "quiet?",
            "quiet?",
            "protected@1",
            "quiet?",
            "quiet?",
            "plain@1",
            "quiet?",
            "quiet?",
            "plain@4",
            "quiet?",
            "quiet?",
            "protected@4",
            "quiet?",
            "quiet?",
            "protected@4",
            "quiet?",
            "quiet?",
            "plain@4");
    assertThat(results.keySet()).containsExactly("plain", "protected");
    // plain had windows 1 and 4 at one client (1 ms and 4 ms), 5 and 8 at four clients.
    PullResult plainOne = results.get("plain").get(1);
    assertThat(plainOne.requests()).isEqualTo(20);
    assertThat(plainOne.p50Millis()).isEqualTo(1.0);
    assertThat(plainOne.p99Millis()).isEqualTo(4.0);
    assertThat(plainOne.requestsPerSecond()).isEqualTo(5.0);
    assertThat(results.get("protected").get(1).p99Millis()).isEqualTo(3.0);
    assertThat(results.get("plain").get(4).p99Millis()).isEqualTo(8.0);
    assertThat(results.get("protected").get(4).p50Millis()).isEqualTo(6.0);
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[test] round 2/2, 4 clients, plain: p50 8.0 ms")
        .doesNotContain("warning");
  }

  @Test
  void thePullWarmUpPullsFromEveryServerAtTheLowestLevelUntilItsCompilerSettles()
      throws Exception {
    List<String> journal = new ArrayList<>();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    // plain's compiler takes 50% of its CPU in the first slice, 9% in the second: settled;
    // protected's never goes under 10% and stops at the longest warm-up, 25 s.
    FakeTarget plain = new FakeTarget("plain", journal, List.of(50L, 9L));
    FakeTarget protectedMode = new FakeTarget("protected", journal, List.of(50L, 40L, 30L));
    InterleavedPulls pulls =
        new InterleavedPulls(
            List.of(1, 4),
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(25),
            quietWait(journal),
            new PrintStream(progress, true, StandardCharsets.UTF_8));

    Map<String, SortedMap<Integer, PullResult>> results =
        pulls.run(List.of(plain, protectedMode), "[test]");

    assertThat(journal.stream().filter(entry -> entry.contains("@")))
        .containsExactly(
            "plain@1",
            "plain@1",
            "protected@1",
            "protected@1",
            "protected@1",
            "plain@1",
            "protected@1",
            "plain@4",
            "protected@4");
    // each server's warm-up waits for quiet first: two readings one interval apart
    assertThat(journal.subList(0, 3)).containsExactly("quiet?", "quiet?", "plain@1");
    assertThat(plain.lengths).containsExactly("0+10 s", "0+10 s", "1+2 s", "1+2 s");
    assertThat(protectedMode.lengths).containsExactly("0+10 s", "0+10 s", "0+5 s", "1+2 s", "1+2 s");
    // the warm-ups were windows 1 to 5; the measured ones 6 to 9, one per mode and level
    assertThat(results.get("plain").get(1).requests()).isEqualTo(10);
    assertThat(results.get("plain").get(1).p50Millis()).isEqualTo(6.0);
    assertThat(results.get("protected").get(4).p50Millis()).isEqualTo(9.0);
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[test] pull warm-up, 1 client, plain: 20 requests in 20.0 s, not measured;"
            + " JIT compiler threads 9% of the server's CPU in the last 10.0 s\n")
        .contains("[test] pull warm-up, 1 client, protected: 30 requests in 25.0 s, not measured;"
            + " JIT compiler threads 30% of the server's CPU in the last 5.0 s (longest warm-up"
            + " reached)");
  }
}
