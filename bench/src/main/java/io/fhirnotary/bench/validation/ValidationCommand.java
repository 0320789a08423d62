package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.benchmark.ChildServers;
import io.fhirnotary.bench.benchmark.MachineFacts;
import io.fhirnotary.bench.benchmark.ScratchDatabases;
import io.fhirnotary.bench.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code validation}: what validation on write costs. Starts the server in each mode, creates
 * MedicationRequests and asks {@code $validate-code}, prints a Markdown report on stdout (progress
 * on stderr). Exit status 0 with a report, 1 when no valid figures came out (including any request
 * with a wrong answer), 2 for a bad command line.
 */
public final class ValidationCommand {

  private final PrintStream out;
  private final PrintStream err;

  public ValidationCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> args) {
    if (args.contains("--help")) {
      out.print(ValidationOptions.USAGE);
      return 0;
    }
    String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
    ValidationOptions options;
    try {
      options = ValidationOptions.from(args, "bench-runs/validation-" + started);
    } catch (UsageException e) {
      err.println("validation: " + e.getMessage());
      err.print(ValidationOptions.USAGE);
      return 2;
    }
    if (!Files.isRegularFile(options.serverJar())) {
      err.println(
          "validation: no server jar at "
              + options.serverJar()
              + "; build it with: mvn -B -q package -DskipTests");
      return 1;
    }

    ChildServers servers = new ChildServers();
    ScratchDatabases databases =
        new ScratchDatabases(
            "validation",
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
                    "\nvalidation: interrupted; stopping the servers"
                        + (options.keepDatabases() ? "" : " and dropping the databases"));
              }
              servers.stopAll();
              databases.close();
              deleteQuietly(serverJarCopy);
            },
            "validation-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      String postgresVersion = databases.serverVersion();
      Files.createDirectories(options.workDirectory());
      // Every measurement uses the same server bytes, even if someone rebuilds the jar meanwhile.
      Files.copy(options.serverJar(), serverJarCopy, StandardCopyOption.REPLACE_EXISTING);
      err.printf(
          "validation: modes %s, %d run(s); server logs in %s%n",
          String.join(",", options.modes()),
          options.repeat(),
          options.workDirectory());
      OtherJavaProcesses neighbours = OtherJavaProcesses.onThisMachine();
      ValidationRunner runner =
          new ValidationRunner(
              options.withServerJar(serverJarCopy), databases, servers, neighbours, err, started);
      Map<String, List<ValidationFigures>> runs = runner.run();
      List<String> others = neighbours.seen();
      if (!others.isEmpty()) {
        err.println("validation: other Java processes ran meanwhile: " + String.join("; ", others));
      }
      String report = report(options, runs, postgresVersion, others);
      out.println();
      out.print(report);
      if (options.reportFile().isPresent()) {
        Path file = options.reportFile().get();
        Files.writeString(file, report);
        err.println("validation: report written to " + file);
      }
      return 0;
    } catch (MeasurementFailure | IOException e) {
      err.println("validation: " + e.getMessage());
      return 1;
    } catch (SQLException e) {
      err.println("validation: PostgreSQL at " + options.adminJdbcUrl() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("validation: interrupted");
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
      ValidationOptions options,
      Map<String, List<ValidationFigures>> runs,
      String postgresVersion,
      List<String> otherJavaProcesses) {
    List<ValidationFigures> medians = new ArrayList<>();
    runs.values().forEach(modeRuns -> medians.add(ValidationFigures.median(modeRuns)));
    ReportContext context =
        new ReportContext(
            options.command(),
            options.repeat(),
            options.creates(),
            options.warmUpCreates(),
            options.warmUpClients(),
            Prescribers.PATIENTS,
            Prescribers.PRACTITIONERS,
            options.warmUp(),
            options.window(),
            options.serverJvmOptions(),
            MachineFacts.detect(postgresVersion),
            otherJavaProcesses,
            LocalDate.now());
    return ValidationReport.markdown(context, medians);
  }

  private void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      err.println("validation: could not delete " + file + ": " + e.getMessage());
    }
  }
}
