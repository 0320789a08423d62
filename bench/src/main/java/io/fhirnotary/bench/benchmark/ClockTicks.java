package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The unit of the CPU times in /proc/[pid]/stat: USER_HZ, as {@code getconf CLK_TCK} prints it. */
final class ClockTicks {

  /**
   * USER_HZ on every architecture the harness runs on (x86-64, arm64); used when getconf cannot be
   * run, since Java has no sysconf.
   */
  static final long LINUX_DEFAULT = 100;

  private ClockTicks() {}

  static long perSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String output;
      try (InputStream in = getconf.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        long ticks = Long.parseLong(output);
        if (ticks > 0) {
          return ticks;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Fall through to the default.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return LINUX_DEFAULT;
  }
}
