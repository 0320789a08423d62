package io.fhirnotary.bench.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherJavaProcessesTests {

  @TempDir Path proc;

  @Test
  void namesJarsMainClassesAndMaven() {
    assertThat(OtherJavaProcesses.describe(List.of("java", "-Xmx1g", "-jar", "/tmp/s.jar", "--x")))
        .contains("java -jar /tmp/s.jar");
    assertThat(
            OtherJavaProcesses.describe(
                List.of("/usr/bin/java", "-cp", "a.jar:b.jar", "-Dx=y", "com.example.Main", "arg")))
        .contains("java com.example.Main");
    assertThat(
            OtherJavaProcesses.describe(
                List.of(
                    "/usr/bin/java",
                    "-classpath",
                    "/usr/share/maven/boot/plexus-classworlds-2.x.jar",
                    "org.codehaus.plexus.classworlds.launcher.Launcher",
                    "-B",
                    "-pl",
                    "server",
                    "test")))
        .contains("Maven -B -pl server test");
    assertThat(OtherJavaProcesses.describe(List.of("/usr/bin/postgres", "-D", "x"))).isEmpty();
    assertThat(OtherJavaProcesses.describe(List.of())).isEmpty();
  }

  @Test
  void samplesProcLeavingOutItselfAndItsServers() throws IOException {
    process(1, "/sbin/init");
    process(10, "/usr/bin/java", "-jar", "harness.jar");
    process(20, "/usr/bin/java", "-jar", "server-copy.jar");
    process(30, "java", "-jar", "/tmp/termtest/server.jar");
    Files.createDirectories(proc.resolve("self"));
    OtherJavaProcesses others = new OtherJavaProcesses(proc, 10);

    others.sample(Set.of(20L));
    process(40, "java", "com.example.Tool");
    others.sample(Set.of(20L));
    others.sample(Set.of(20L));

    assertThat(others.seen())
        .containsExactly(
            "pid 30: java -jar /tmp/termtest/server.jar", "pid 40: java com.example.Tool");
  }

  private void process(long pid, String... argv) throws IOException {
    Path directory = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.write(
        directory.resolve("cmdline"),
        (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
  }
}
