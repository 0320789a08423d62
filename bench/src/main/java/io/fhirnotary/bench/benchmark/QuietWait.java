package io.fhirnotary.bench.benchmark;

import io.fhirnotary.bench.load.TextFormats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Waits until the servers are quiet before a measurement window. The protected server stores the
 * read's AuditEvents asynchronously: its audit writer drains a queue after the requests were
 * answered, and when several servers run side by side that backlog would take CPU from the next
 * window, which may belong to another mode.
 *
 * <p>Reads the servers' CPU time every {@code interval} and returns as soon as one interval was
 * quiet by the {@link QuietRule}, or after {@code timeout} regardless (a server may never fall
 * quiet, e.g. a scheduled job that runs on; measuring then is better than hanging).
 */
final class QuietWait {

  static final Duration INTERVAL = Duration.ofMillis(300);

  static final double MAX_CORES = 0.05;

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Time and sleep, apart so that tests can play a wait through without waiting. */
  interface Clock {
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    static Clock system() {
      return new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          Thread.sleep(duration.toMillis());
        }
      };
    }
  }

  /**
   * @param quiet whether the last interval was quiet; if not, the wait timed out
   * @param waited from the first reading to the last
   * @param coresUsed over the last interval
   */
  record Outcome(boolean quiet, Duration waited, double coresUsed) {

    /** For a warning line when the wait gave up: how busy the servers still were, and for how long. */
    String stillBusy() {
      return String.format(
          Locale.ROOT,
          "the servers still used %.0f%% of a core after %s",
          coresUsed * 100,
          TextFormats.seconds(waited));
    }
  }

  private final LongSupplier cpuTicks;
  private final QuietRule rule;
  private final Duration interval;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param cpuTicks the CPU time of all the servers to wait for, added up
   */
  QuietWait(
      LongSupplier cpuTicks, QuietRule rule, Duration interval, Duration timeout, Clock clock) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    this.cpuTicks = cpuTicks;
    this.rule = rule;
    this.interval = interval;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The harness's wait: all of {@code servers}, by the defaults above, in real time. */
  static QuietWait forServers(List<ServerProcess> servers, long ticksPerSecond) {
    return new QuietWait(
        () -> servers.stream().mapToLong(server -> server.cpuTicks().orElse(0)).sum(),
        new QuietRule(MAX_CORES, ticksPerSecond),
        INTERVAL,
        TIMEOUT,
        Clock.system());
  }

  Outcome await() throws InterruptedException {
    CpuReading first = read();
    CpuReading previous = first;
    while (true) {
      clock.sleep(interval);
      CpuReading current = read();
      Duration waited = Duration.ofNanos(current.nanos() - first.nanos());
      if (rule.quiet(previous, current)) {
        return new Outcome(true, waited, rule.coresUsed(previous, current));
      }
      if (waited.compareTo(timeout) >= 0) {
        return new Outcome(false, waited, rule.coresUsed(previous, current));
      }
      previous = current;
    }
  }

  private CpuReading read() {
    return new CpuReading(clock.nanoTime(), cpuTicks.getAsLong());
  }
}
