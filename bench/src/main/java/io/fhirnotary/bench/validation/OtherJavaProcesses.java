package io.fhirnotary.bench.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Java processes other than the harness and its servers, seen on this machine while measuring (a
 * build or test run next to the benchmark takes CPU from it), so that the report can say so.
 * Sampled from /proc before each measurement; Linux only, elsewhere nothing is seen.
 */
final class OtherJavaProcesses {

  private static final String MAVEN_LAUNCHER = "org.codehaus.plexus.classworlds.launcher.Launcher";
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-opens");

  private final Path proc;
  private final long self;
  private final Map<Long, String> seen = new LinkedHashMap<>();

  OtherJavaProcesses(Path proc, long self) {
    this.proc = proc;
    this.self = self;
  }

  static OtherJavaProcesses onThisMachine() {
    return new OtherJavaProcesses(Path.of("/proc"), ProcessHandle.current().pid());
  }

  /** Looks for Java processes now, leaving out this one and {@code ours}. */
  synchronized void sample(Set<Long> ours) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path entry : entries) {
        long pid;
        try {
          pid = Long.parseLong(entry.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == self || ours.contains(pid) || seen.containsKey(pid)) {
          continue;
        }
        describe(commandLine(entry)).ifPresent(what -> seen.put(pid, what));
      }
    } catch (IOException e) {
      // No /proc: nothing to report.
    }
  }

  /** "pid 443: java -jar server.jar", in the order first seen. */
  synchronized List<String> seen() {
    List<String> lines = new ArrayList<>();
    seen.forEach((pid, what) -> lines.add("pid " + pid + ": " + what));
    return lines;
  }

  /** A short name for a command line if it runs Java, e.g. {@code java -jar x.jar} or Maven. */
  static Optional<String> describe(List<String> argv) {
    if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals("java")) {
      return Optional.empty();
    }
    int launcher = argv.indexOf(MAVEN_LAUNCHER);
    if (launcher >= 0) {
      String goals = String.join(" ", argv.subList(launcher + 1, argv.size()));
      return Optional.of(Failures.abbreviate(("Maven " + goals).strip(), 120));
    }
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("-jar") && i + 1 < argv.size()) {
        return Optional.of("java -jar " + argv.get(i + 1));
      }
      if (OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return Optional.of("java " + arg);
      }
    }
    return Optional.of("java");
  }

  private static List<String> commandLine(Path processDirectory) {
    try {
      byte[] raw = Files.readAllBytes(processDirectory.resolve("cmdline"));
      String text = new String(raw, StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
    } catch (IOException e) {
      return List.of(); // gone meanwhile, or not ours to read
    }
  }
}
