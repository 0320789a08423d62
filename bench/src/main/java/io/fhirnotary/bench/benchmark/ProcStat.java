package io.fhirnotary.bench.benchmark;

import java.util.OptionalLong;

/**
 * Reads the one line of /proc/[pid]/stat (proc(5)). Its second field is the command name in
 * parentheses, which may itself hold spaces and parentheses, so the fields after it are counted
 * from the last ')'.
 */
final class ProcStat {

  /**
   * proc(5) fields 14 (utime) and 15 (stime), counted from field 3 (state), the first after ')'.
   */
  private static final int USER_TIME_AFTER_NAME = 11;

  private static final int SYSTEM_TIME_AFTER_NAME = 12;

  private ProcStat() {}

  /**
   * CPU time the process has used in user and kernel mode, all its threads together, in clock ticks
   * ({@link ClockTicks}); empty when the line is not a stat line.
   */
  static OptionalLong cpuTicks(String statLine) {
    int nameEnd = statLine.lastIndexOf(')');
    if (nameEnd < 0) {
      return OptionalLong.empty();
    }
    String[] fields = statLine.substring(nameEnd + 1).trim().split("\\s+");
    if (fields.length <= SYSTEM_TIME_AFTER_NAME) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(
          Long.parseLong(fields[USER_TIME_AFTER_NAME])
              + Long.parseLong(fields[SYSTEM_TIME_AFTER_NAME]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
