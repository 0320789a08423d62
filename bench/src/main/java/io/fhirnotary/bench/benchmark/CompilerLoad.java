package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CPU time a JVM had used by a moment, all threads together and its JIT compiler threads
 * alone, in clock ticks ({@link ClockTicks}), read from /proc/[pid]/task/[tid]/stat. HotSpot names
 * those threads "C1 CompilerThread0", "C2 CompilerThread1", ..., which the kernel cuts to 15
 * characters.
 */
record CompilerLoad(long compilerTicks, long allTicks) {

  /** What one thread's stat line adds to a reading. */
  static CompilerLoad ofThread(String statLine) {
    OptionalLong ticks = ProcStat.cpuTicks(statLine);
    if (ticks.isEmpty()) {
      return new CompilerLoad(0, 0);
    }
    int nameStart = statLine.indexOf('(');
    int nameEnd = statLine.lastIndexOf(')');
    String name = nameStart >= 0 && nameEnd > nameStart ? statLine.substring(nameStart + 1, nameEnd) : "";
    boolean compiler = name.matches("C[12] CompilerThre.*");
    return new CompilerLoad(compiler ? ticks.getAsLong() : 0, ticks.getAsLong());
  }

  /** The process's threads as they are now; empty once it has exited. Linux only. */
  static Optional<CompilerLoad> ofProcess(long pid) {
    long compiler = 0;
    long all = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        String line;
        try {
          line = Files.readString(task.resolve("stat"));
        } catch (IOException threadEnded) {
          continue;
        }
        CompilerLoad thread = ofThread(line);
        compiler += thread.compilerTicks;
        all += thread.allTicks;
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(new CompilerLoad(compiler, all));
  }

  /**
   * The compiler threads' share of the CPU the JVM used between {@code earlier} and this reading,
   * 0 when it used none. Threads that ended in between can make the difference negative; that
   * counts as none.
   */
  double compilerShareSince(CompilerLoad earlier) {
    long all = allTicks - earlier.allTicks;
    long compiler = compilerTicks - earlier.compilerTicks;
    return all <= 0 || compiler <= 0 ? 0 : Math.min(1.0, (double) compiler / all);
  }
}
