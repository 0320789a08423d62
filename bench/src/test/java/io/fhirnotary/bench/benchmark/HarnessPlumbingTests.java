package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.bench.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessPlumbingTests {

  @Test
  void readsPeakResidentMemoryFromProcStatus() {
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  812345 kB\nVmRSS:\t  700000 kB\n";

    assertThat(ProcFiles.kibibytes(status, "VmHWM")).hasValue(812_345);
    assertThat(ProcFiles.kibibytes(status, "VmSwap")).isEmpty();
    assertThat(ProcFiles.kibibytes("VmHWM: lots", "VmHWM")).isEmpty();
  }

  @Test
  void readsCpuModelFromCpuinfoStyleLines() {
    String cpuinfo = "processor\t: 0\nmodel name\t: Some CPU @ 2.00GHz\nflags\t\t: fpu vme\n";

    assertThat(ProcFiles.field(cpuinfo, "model name")).hasValue("Some CPU @ 2.00GHz");
  }

  @Test
  void swapsTheDatabaseOfAJdbcUrlAndKeepsItsParameters() {
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "bench_x"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/bench_x");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db:6543/postgres?sslmode=disable", "b"))
        .isEqualTo("jdbc:postgresql://db:6543/b?sslmode=disable");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db", "b"))
        .isEqualTo("jdbc:postgresql://db/b");
    assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:h2:mem:x", "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startsProtectedModeInTheDevProfileWithItsOwnDataFolderAndExtraArgumentsLast() {
    ServerLaunch launch = launch("protected");

    assertThat(launch.needsTokens()).isTrue();
    assertThat(launch.command(Path.of("/jdk/bin/java")))
        .containsExactly(
            "/jdk/bin/java",
            "-Xmx2g",
            "-jar",
            "server.jar",
            "--spring.profiles.active=dev,postgres",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench_1",
            "--spring.datasource.username=postgres",
            "--server.port=18080",
            "--fhirnotary.mode=protected",
            "--fhirnotary.data-dir=/runs/1/data-protected",
            "--fhirnotary.dev.token-lifetime=24h",
            "--fhirnotary.max-request-size=1GB");
  }

  @Test
  void startsPlainModeWithoutTheDevProfile() {
    ServerLaunch launch = launch("plain");

    assertThat(launch.needsTokens()).isFalse();
    assertThat(launch.command(Path.of("/jdk/bin/java")))
        .contains("--spring.profiles.active=postgres", "--fhirnotary.mode=plain")
        .noneMatch(arg -> arg.contains("dev"));
  }

  @Test
  void everyModeGetsADatabaseNameThatIsAPlainIdentifier() {
    for (String mode : BenchOptions.KNOWN_MODES) {
      assertThat(BenchRunner.databaseName("20261202_165710", mode, 1, 1)).matches("[a-z0-9_]+");
    }
    assertThat(BenchRunner.databaseName("20261202_165710", "protected-unnotarised", 2, 1))
        .isEqualTo("bench_20261202_165710_protected_unnotarised_r2_w1");
  }

  @Test
  void startsProtectedModeWithoutTheNotaryForTheCaptureComparison() {
    ServerLaunch launch = launch("protected-unnotarised");

    assertThat(launch.needsTokens()).isTrue();
    assertThat(launch.command(Path.of("/jdk/bin/java")))
        .contains(
            "--spring.profiles.active=dev,postgres",
            "--fhirnotary.mode=protected",
            "--fhirnotary.notary.enabled=false")
        .doesNotContain("--fhirnotary.mode=protected-unnotarised");
    assertThat(launch("protected").command(Path.of("/jdk/bin/java")))
        .noneMatch(arg -> arg.startsWith("--fhirnotary.notary.enabled"));
  }

  @Test
  void getsTokensThroughTheServerJarsOwnCommandForTheAddressTheHarnessUses() {
    assertThat(DevTokens.command(Path.of("/jdk/bin/java"), launch("protected"), "demo-pharmacy-1"))
        .containsExactly(
            "/jdk/bin/java",
            "-cp",
            "server.jar",
            "-Dloader.main=io.fhirnotary.server.devauth.DevTokenCommand",
            "org.springframework.boot.loader.launch.PropertiesLauncher",
            "--client",
            "demo-pharmacy-1",
            "--server",
            "http://127.0.0.1:18080",
            "--data-dir",
            "/runs/1/data-protected");
  }

  @Test
  void plainModeNeedsNoToken() throws Exception {
    assertThat(new DevTokens(launch("plain")).forClient(DevTokens.CUSTODIAN)).isEmpty();
  }

  private static ServerLaunch launch(String mode) {
    return new ServerLaunch(
        Path.of("server.jar"),
        List.of("-Xmx2g"),
        mode,
        "jdbc:postgresql://127.0.0.1:5432/bench_1",
        "postgres",
        18080,
        Path.of("/runs/1/data-" + mode),
        List.of("--fhirnotary.max-request-size=1GB"));
  }

  @Test
  void benchOptionsHaveTheDocumentedDefaults() throws UsageException {
    BenchOptions options = BenchOptions.from(List.of("--corpus", "data/c"), "runs/x");

    assertThat(options.modes()).containsExactly("plain");
    assertThat(options.ingestConcurrency()).containsExactly(1, 4);
    assertThat(options.pullConcurrency()).containsExactly(1, 4, 16);
    assertThat(options.repeat()).isEqualTo(1);
    assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.adminJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(options.workDirectory()).isEqualTo(Path.of("runs/x"));
    assertThat(options.keepDatabases()).isFalse();
    assertThat(options.fhirPath()).isEqualTo("/fhir");
    assertThat(options.interleavePulls()).isFalse();
    assertThat(options.pullRounds()).isEqualTo(5);
    assertThat(options.pullWarmUp()).isEqualTo(Duration.ofSeconds(180));
  }

  @Test
  void interleavedPullsTakeTheirRoundsAndRoundsAloneAreRefused() throws UsageException {
    BenchOptions options =
        BenchOptions.from(
            List.of("--corpus", "c", "--interleave-pulls", "--pull-rounds", "2"), "w");

    assertThat(options.interleavePulls()).isTrue();
    assertThat(options.pullRounds()).isEqualTo(2);
    assertThat(options.withServerJar(Path.of("copy.jar")).pullRounds()).isEqualTo(2);
    assertThat(options.withServerJar(Path.of("copy.jar")).interleavePulls()).isTrue();
    assertThatThrownBy(() -> BenchOptions.from(List.of("--corpus", "c", "--pull-rounds", "2"), "w"))
        .hasMessageContaining("--pull-rounds needs --interleave-pulls");
    assertThatThrownBy(
            () ->
                BenchOptions.from(
                    List.of("--corpus", "c", "--interleave-pulls", "--pull-rounds", "0"), "w"))
        .hasMessageContaining("at least 1");
  }

  @Test
  void thePullWarmUpCanBeSetOrSkippedWithInterleavedPullsOnly() throws UsageException {
    assertThat(
            BenchOptions.from(
                    List.of("--corpus", "c", "--interleave-pulls", "--pull-warmup", "0"), "w")
                .pullWarmUp())
        .isZero();
    assertThat(
            BenchOptions.from(
                    List.of("--corpus", "c", "--interleave-pulls", "--pull-warmup", "90"), "w")
                .withServerJar(Path.of("copy.jar"))
                .pullWarmUp())
        .isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> BenchOptions.from(List.of("--corpus", "c", "--pull-warmup", "30"), "w"))
        .hasMessageContaining("--pull-warmup needs --interleave-pulls");
  }

  @Test
  void raisesTheServerBodyLimitForLargePatientRecordsUnlessTheUserSetOne() throws UsageException {
    assertThat(
            BenchOptions.from(List.of("--corpus", "c", "--server-arg", "--a=b"), "w")
                .serverArguments())
        .containsExactly("--a=b", "--fhirnotary.max-request-size=512MB");
    assertThat(
            BenchOptions.from(
                    List.of("--corpus", "c", "--server-arg", "--fhirnotary.max-request-size=2GB"),
                    "w")
                .serverArguments())
        .containsExactly("--fhirnotary.max-request-size=2GB");
  }

  @Test
  void benchOptionsRejectUnknownOrRepeatedModes() {
    assertThatThrownBy(
            () -> BenchOptions.from(List.of("--corpus", "c", "--modes", "plain,fast"), "w"))
        .hasMessageContaining("unknown mode 'fast'");
    assertThatThrownBy(
            () -> BenchOptions.from(List.of("--corpus", "c", "--modes", "plain,plain"), "w"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> BenchOptions.from(List.of("--modes", "plain"), "w"))
        .hasMessageContaining("--corpus is required");
  }

  @Test
  void benchOptionsAcceptAWarmUpOfZero() throws UsageException {
    assertThat(BenchOptions.from(List.of("--corpus", "c", "--warmup", "0"), "w").warmUp()).isZero();
  }
}
