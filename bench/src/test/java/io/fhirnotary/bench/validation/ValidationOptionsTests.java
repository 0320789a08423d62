package io.fhirnotary.bench.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.bench.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationOptionsTests {

  @Test
  void hasTheDocumentedDefaults() throws UsageException {
    ValidationOptions options = ValidationOptions.from(List.of(), "runs/x");

    assertThat(options.modes()).containsExactly("plain", "protected");
    assertThat(options.repeat()).isEqualTo(1);
    assertThat(options.creates()).isEqualTo(500);
    assertThat(options.warmUpCreates()).isEqualTo(50);
    assertThat(options.createConcurrency()).containsExactly(1, 4);
    assertThat(options.codeCheckConcurrency()).containsExactly(1, 4, 16);
    assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.window()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.serverJar()).isEqualTo(Path.of("server/target/fhir-notary-server.jar"));
    assertThat(options.adminJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(options.databaseUser()).isEqualTo("postgres");
    assertThat(options.keepDatabases()).isFalse();
    assertThat(options.serverJvmOptions()).isEmpty();
    assertThat(options.serverArguments()).isEmpty();
    assertThat(options.fhirPath()).isEqualTo("/fhir");
    assertThat(options.workDirectory()).isEqualTo(Path.of("runs/x"));
    assertThat(options.reportFile()).isEmpty();
    assertThat(options.warmUpClients()).isEqualTo(4);
  }

  @Test
  void readsEveryOption() throws UsageException {
    ValidationOptions options =
        ValidationOptions.from(
            List.of(
                "--modes=protected",
                "--creates",
                "200",
                "--warmup-creates",
                "0",
                "--concurrency",
                "2,8",
                "--validate-code-concurrency",
                "1,32",
                "--warmup",
                "0",
                "--duration",
                "7",
                "--repeat",
                "3",
                "--server-jvm-opt",
                "-Xmx1g",
                "--server-jvm-opt",
                "-XX:+UseParallelGC",
                "--server-arg",
                "--a=b",
                "--fhir-path",
                "/base/",
                "--keep",
                "--report",
                "out.md",
                "--command",
                "bench/validation --repeat 3"),
            "w");

    assertThat(options.modes()).containsExactly("protected");
    assertThat(options.creates()).isEqualTo(200);
    assertThat(options.warmUpCreates()).isZero();
    assertThat(options.createConcurrency()).containsExactly(2, 8);
    assertThat(options.warmUpClients()).isEqualTo(8);
    assertThat(options.codeCheckConcurrency()).containsExactly(1, 32);
    assertThat(options.warmUp()).isZero();
    assertThat(options.window()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.repeat()).isEqualTo(3);
    assertThat(options.serverJvmOptions()).containsExactly("-Xmx1g", "-XX:+UseParallelGC");
    assertThat(options.serverArguments()).containsExactly("--a=b");
    assertThat(options.fhirPath()).isEqualTo("/base");
    assertThat(options.keepDatabases()).isTrue();
    assertThat(options.reportFile()).contains(Path.of("out.md"));
    assertThat(options.command()).isEqualTo("bench/validation --repeat 3");
  }

  @Test
  void quotesItsOwnCommandLineWhenNotToldOtherwise() throws UsageException {
    assertThat(ValidationOptions.from(List.of("--creates", "10"), "w").command())
        .isEqualTo("validation --creates 10");
  }

  @Test
  void rejectsWhatWouldSilentlyMeasureSomethingElse() {
    assertThatThrownBy(() -> ValidationOptions.from(List.of("--modes", "plain,fast"), "w"))
        .hasMessageContaining("unknown mode 'fast'");
    assertThatThrownBy(() -> ValidationOptions.from(List.of("--modes", "plain,plain"), "w"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> ValidationOptions.from(List.of("--concurrency", "4,4"), "w"))
        .hasMessageContaining("--concurrency lists a level twice");
    assertThatThrownBy(() -> ValidationOptions.from(List.of("--creates", "0"), "w"))
        .hasMessageContaining("--creates must be at least 1");
    assertThatThrownBy(() -> ValidationOptions.from(List.of("--duration", "0"), "w"))
        .hasMessageContaining("--duration must be at least 1");
    assertThatThrownBy(
            () -> ValidationOptions.from(List.of("--validate-code-concurrency", "1,x"), "w"))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> ValidationOptions.from(List.of("--patients", "3"), "w"))
        .hasMessageContaining("unknown option: --patients");
    assertThatThrownBy(() -> ValidationOptions.from(List.of("--fhir-path", "fhir"), "w"))
        .hasMessageContaining("must start with /");
  }

  @Test
  void alternatesTheOrderOfTheModesFromRunToRun() {
    List<String> modes = List.of("plain", "protected");

    assertThat(ValidationRunner.modeOrder(modes, 1)).containsExactly("plain", "protected");
    assertThat(ValidationRunner.modeOrder(modes, 2)).containsExactly("protected", "plain");
    assertThat(ValidationRunner.modeOrder(modes, 3)).containsExactly("plain", "protected");
    assertThat(ValidationRunner.modeOrder(List.of("protected"), 2)).containsExactly("protected");
  }
}
