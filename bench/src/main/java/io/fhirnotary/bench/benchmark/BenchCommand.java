package io.fhirnotary.bench.benchmark;

import io.fhirnotary.bench.cli.UsageException;
import io.fhirnotary.bench.load.BundleEntryCounter;
import io.fhirnotary.bench.load.CorpusScanner;
import io.fhirnotary.bench.load.LoadPlan;
import io.fhirnotary.bench.load.ProgressDisplay;
import io.fhirnotary.bench.load.TextFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench}: starts servers, loads the corpus, measures, prints a Markdown report on stdout
 * (progress on stderr). Exit status 0 with a report, 1 when no meaningful figures came out, 2 for a
 * bad command line.
 */
public final class BenchCommand {

  private final PrintStream out;
  private final PrintStream err;

  public BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> args) {
    if (args.contains("--help")) {
      out.print(BenchOptions.USAGE);
      return 0;
    }
    String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
    BenchOptions options;
    try {
      options = BenchOptions.from(args, "bench-runs/" + started);
    } catch (UsageException e) {
      err.println("bench: " + e.getMessage());
      err.print(BenchOptions.USAGE);
      return 2;
    }
    if (!Files.isRegularFile(options.serverJar())) {
      err.println(
          "bench: no server jar at "
              + options.serverJar()
              + "; build it with: mvn -B -q package -DskipTests");
      return 1;
    }

    ChildServers servers = new ChildServers();
    ScratchDatabases databases =
        new ScratchDatabases(
            "bench",
            options.adminJdbcUrl(),
            options.databaseUser(),
            Optional.ofNullable(System.getenv("PGPASSWORD")),
            options.keepDatabases());
    Path serverJarCopy = options.workDirectory().resolve("fhir-notary-server.jar");
    AtomicBoolean finished = new AtomicBoolean();
    Thread cleanup =
        new Thread(
            () -> {
              if (!finished.get()) {
                err.println(
                    "\nbench: interrupted; stopping the servers"
                        + (options.keepDatabases() ? "" : " and dropping the databases"));
              }
              servers.stopAll();
              databases.close();
              deleteQuietly(serverJarCopy);
            },
            "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      LoadPlan plan =
          LoadPlan.of(new CorpusScanner(new BundleEntryCounter()).scan(options.corpus()));
      String postgresVersion = databases.serverVersion();
      Files.createDirectories(options.workDirectory());
      // Every measurement of a run uses the same server bytes, even if someone rebuilds the jar
      // meanwhile (a jar rewritten under a starting JVM fails with NoClassDefFoundError).
      Files.copy(options.serverJar(), serverJarCopy, StandardCopyOption.REPLACE_EXISTING);
      err.printf(
          "bench: %d bundles, %s resources; modes %s; server logs in %s%n",
          plan.bundleCount(),
          TextFormats.count(plan.entryCount()),
          String.join(",", options.modes()),
          options.workDirectory());

      BenchOptions measured = options.withServerJar(serverJarCopy);
      ModeLoader loader =
          new ModeLoader(
              measured,
              plan,
              databases,
              servers,
              ProgressDisplay.forConsole(err, System.console() != null, Duration.ofSeconds(10)),
              err,
              started);
      BenchRunner runner = new BenchRunner(measured, loader, ClockTicks.perSecond(), err);
      String report = report(options, plan, runner.run(), runner.patientsPulled(), postgresVersion);
      out.println();
      out.print(report);
      if (options.reportFile().isPresent()) {
        Path file = options.reportFile().get();
        Files.writeString(file, report);
        err.println("bench: report written to " + file);
      }
      return 0;
    } catch (BenchmarkFailure | IOException e) {
      err.println("bench: " + e.getMessage());
      return 1;
    } catch (SQLException e) {
      err.println("bench: PostgreSQL at " + options.adminJdbcUrl() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bench: interrupted");
      return 130;
    } finally {
      finished.set(true);
      servers.stopAll();
      databases.close();
      deleteQuietly(serverJarCopy);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or has run; nothing left to undo.
      }
    }
  }

  private static String report(
      BenchOptions options,
      LoadPlan plan,
      Map<String, List<ModeFigures>> runsByMode,
      int patientsPulled,
      String postgresVersion) {
    List<ModeFigures> medians = new ArrayList<>();
    runsByMode.values().forEach(runs -> medians.add(ModeFigures.median(runs)));
    ReportContext context =
        new ReportContext(
            options.command(),
            options.corpusLabel(),
            plan.bundleCount(),
            plan.entryCount(),
            plan.sizeBytes(),
            patientsPulled,
            options.repeat(),
            options.warmUp(),
            options.window(),
            options.interleavePulls() ? OptionalInt.of(options.pullRounds()) : OptionalInt.empty(),
            options.interleavePulls() ? options.pullWarmUp() : Duration.ZERO,
            options.serverJvmOptions(),
            MachineFacts.detect(postgresVersion),
            LocalDate.now());
    return BenchmarkReport.markdown(context, medians);
  }

  private void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      err.println("bench: could not delete " + file + ": " + e.getMessage());
    }
  }
}
