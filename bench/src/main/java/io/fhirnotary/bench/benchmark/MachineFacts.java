package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a reader needs to compare figures between machines. */
public record MachineFacts(
    int cores,
    String cpuModel,
    long memoryKib,
    String operatingSystem,
    String javaVersion,
    String javaVm,
    String postgresVersion) {

  /**
   * Facts about this machine. The servers under test run on this same JVM installation (the harness
   * starts them with its own {@code java.home}), so its version is theirs too.
   */
  public static MachineFacts detect(String postgresVersion) {
    String cpuinfo = read("/proc/cpuinfo");
    String meminfo = read("/proc/meminfo");
    return new MachineFacts(
        Runtime.getRuntime().availableProcessors(),
        ProcFiles.field(cpuinfo, "model name").orElse("unknown CPU"),
        ProcFiles.kibibytes(meminfo, "MemTotal").orElse(0),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        postgresVersion);
  }

  public String describe() {
    return cores
        + (cores == 1 ? " core" : " cores")
        + " ("
        + cpuModel
        + "), "
        + String.format(Locale.ROOT, "%.1f GiB RAM", memoryKib / (1024.0 * 1024.0))
        + ", "
        + operatingSystem
        + "; Java "
        + javaVersion
        + " ("
        + javaVm
        + "); PostgreSQL "
        + postgresVersion;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
