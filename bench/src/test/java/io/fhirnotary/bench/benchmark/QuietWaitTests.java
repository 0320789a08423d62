package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QuietWaitTests {

  private static final Duration INTERVAL = Duration.ofMillis(300);
  private static final QuietRule FIVE_PERCENT_AT_100_HZ = new QuietRule(0.05, 100);

  /** Plays the wait through: each sleep moves the clock on, each reading takes the next sample. */
  private static final class FakeServers implements QuietWait.Clock {
    private final Deque<Long> ticks;
    private long nanos = 1_000_000_000L;
    private int sleeps;

    FakeServers(Long... ticks) {
      this.ticks = new ArrayDeque<>(List.of(ticks));
    }

    long nextTicks() {
      if (ticks.isEmpty()) {
        throw new AssertionError("the wait read more samples than the test has");
      }
      return ticks.removeFirst();
    }

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public void sleep(Duration duration) {
      sleeps++;
      nanos += duration.toNanos();
    }
  }

  private static QuietWait waitFor(FakeServers servers, Duration timeout) {
    return new QuietWait(servers::nextTicks, FIVE_PERCENT_AT_100_HZ, INTERVAL, timeout, servers);
  }

  @Test
  void oneTickInThreeHundredMillisecondsIsQuietAndTwoAreNot() {
    CpuReading start = new CpuReading(0, 500);

    assertThat(FIVE_PERCENT_AT_100_HZ.coresUsed(start, new CpuReading(300_000_000L, 501)))
        .isCloseTo(0.0333, offset(0.0001));
    assertThat(FIVE_PERCENT_AT_100_HZ.quiet(start, new CpuReading(300_000_000L, 501))).isTrue();
    assertThat(FIVE_PERCENT_AT_100_HZ.quiet(start, new CpuReading(300_000_000L, 502))).isFalse();
    assertThat(FIVE_PERCENT_AT_100_HZ.quiet(start, new CpuReading(300_000_000L, 500))).isTrue();
  }

  @Test
  void aServerBusyOnTwoCoresUsesTwoCores() {
    assertThat(
            FIVE_PERCENT_AT_100_HZ.coresUsed(
                new CpuReading(0, 0), new CpuReading(500_000_000L, 100)))
        .isEqualTo(2.0);
  }

  @Test
  void ticksThatVanishWithAnExitedServerCountAsNoUse() {
    assertThat(
            FIVE_PERCENT_AT_100_HZ.coresUsed(
                new CpuReading(0, 900), new CpuReading(300_000_000L, 400)))
        .isZero();
  }

  @Test
  void waitsThroughABusyBacklogUntilTheFirstQuietInterval() throws InterruptedException {
    // An audit writer busy on one core for two intervals (30 ticks each), then idle.
    FakeServers servers = new FakeServers(1000L, 1030L, 1060L, 1061L, 9999L);

    QuietWait.Outcome outcome = waitFor(servers, Duration.ofSeconds(30)).await();

    assertThat(outcome.quiet()).isTrue();
    assertThat(outcome.waited()).isEqualTo(Duration.ofMillis(900));
    assertThat(servers.sleeps).isEqualTo(3);
    assertThat(outcome.coresUsed()).isLessThan(0.05);
  }

  @Test
  void idleServersPassAfterOneInterval() throws InterruptedException {
    FakeServers servers = new FakeServers(70L, 70L);

    QuietWait.Outcome outcome = waitFor(servers, Duration.ofSeconds(30)).await();

    assertThat(outcome.quiet()).isTrue();
    assertThat(outcome.waited()).isEqualTo(INTERVAL);
  }

  @Test
  void givesUpAtTheTimeoutWhenTheServersNeverFallQuiet() throws InterruptedException {
    Long[] busy = new Long[20];
    for (int i = 0; i < busy.length; i++) {
      busy[i] = 15L * i; // half a core, every interval
    }
    FakeServers servers = new FakeServers(busy);

    QuietWait.Outcome outcome = waitFor(servers, Duration.ofMillis(1500)).await();

    assertThat(outcome.quiet()).isFalse();
    assertThat(outcome.waited()).isEqualTo(Duration.ofMillis(1500));
    assertThat(servers.sleeps).isEqualTo(5);
    assertThat(outcome.coresUsed()).isCloseTo(0.5, offset(1e-9));
  }

  @Test
  void theRuleRejectsReadingsOutOfOrderAndNonsenseThresholds() {
    assertThatThrownBy(
            () -> FIVE_PERCENT_AT_100_HZ.coresUsed(new CpuReading(10, 0), new CpuReading(10, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QuietRule(0, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QuietRule(0.05, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsUserAndSystemTimeFromAStatLineWhoseNameHoldsSpacesAndParentheses() {
    String stat =
        "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 0 0 20 0 57 0"
            + " 8123456 9000000000 200000 18446744073709551615 1 1 0 0 0 0 0 4096 17922 0 0 0 17"
            + " 1 0 0 0 0 0";

    assertThat(ProcStat.cpuTicks(stat)).isEqualTo(OptionalLong.of(1750));
    assertThat(ProcStat.cpuTicks("4242 (java) S 1 2 3")).isEmpty();
    assertThat(ProcStat.cpuTicks("no stat line")).isEmpty();
  }
}
