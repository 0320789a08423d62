package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.benchmark.ChildServers;
import io.fhirnotary.bench.benchmark.DevTokens;
import io.fhirnotary.bench.benchmark.ScratchDatabases;
import io.fhirnotary.bench.benchmark.ServerLaunch;
import io.fhirnotary.bench.benchmark.ServerProcess;
import io.fhirnotary.bench.http.FhirEndpoint;
import io.fhirnotary.bench.load.TextFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs the measurements: for every repetition and mode, a server started on a fresh database; on
 * it, after a warm-up, the create levels and then the {@code $validate-code} levels. Any request
 * with a wrong answer ends the run with an error: figures from a server that rejected or lost some
 * of the requests would not compare.
 *
 * <p>The order of the modes alternates from one repetition to the next (plain, protected;
 * protected, plain; ...) so that a slow drift of the machine spreads over both.
 */
final class ValidationRunner {

  private final ValidationOptions options;
  private final ScratchDatabases databases;
  private final ChildServers servers;
  private final OtherJavaProcesses neighbours;
  private final PrintStream log;
  private final String runId;
  private final HttpClient probeClient =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * @param runId keeps database names of concurrent or crashed runs apart
   */
  ValidationRunner(
      ValidationOptions options,
      ScratchDatabases databases,
      ChildServers servers,
      OtherJavaProcesses neighbours,
      PrintStream log,
      String runId) {
    this.options = options;
    this.databases = databases;
    this.servers = servers;
    this.neighbours = neighbours;
    this.log = log;
    this.runId = runId;
  }

  /** Figures per mode (in the order of {@code --modes}), one entry per repetition. */
  Map<String, List<ValidationFigures>> run()
      throws MeasurementFailure, IOException, SQLException, InterruptedException {
    Map<String, List<ValidationFigures>> byMode = new LinkedHashMap<>();
    options.modes().forEach(mode -> byMode.put(mode, new ArrayList<>()));
    for (int run = 1; run <= options.repeat(); run++) {
      for (String mode : modeOrder(options.modes(), run)) {
        byMode.get(mode).add(measure(mode, run));
      }
    }
    return byMode;
  }

  /** The requested order in odd repetitions, the reverse in even ones. */
  static List<String> modeOrder(List<String> modes, int run) {
    if (run % 2 == 1) {
      return modes;
    }
    List<String> reversed = new ArrayList<>(modes);
    Collections.reverse(reversed);
    return reversed;
  }

  private ValidationFigures measure(String mode, int run)
      throws MeasurementFailure, IOException, SQLException, InterruptedException {
    String label = String.format(Locale.ROOT, "[%s, run %d/%d]", mode, run, options.repeat());
    String database = "vbench_" + runId + "_" + mode + "_r" + run;
    String jdbcUrl = databases.create(database);
    int port = ServerLaunch.freePort();
    Path serverLog = options.workDirectory().resolve("server-" + mode + "-r" + run + ".log");
    ServerLaunch launch =
        new ServerLaunch(
            options.serverJar(),
            options.serverJvmOptions(),
            mode,
            jdbcUrl,
            options.databaseUser(),
            port,
            options.workDirectory().resolve("data-" + mode + "-r" + run),
            options.serverArguments());
    try (ServerProcess server =
        servers.start(launch.command(ServerLaunch.javaExecutable()), ServerLaunch.childEnvironment(), port, serverLog)) {
      Duration startup = server.awaitReady(probeClient, options.readyTimeout());
      log.printf(
          Locale.ROOT,
          "%s server ready on port %d after %s (database %s, log %s)%n",
          label,
          port,
          TextFormats.seconds(startup),
          database,
          serverLog);
      // Protected mode: the custodian writes anything, so the write rules pass every create and
      // what is measured stays validation (plus authentication), not who may prescribe.
      FhirEndpoint endpoint =
          FhirEndpoint.create(
              launch.root() + options.fhirPath(),
              new DevTokens(launch).forClient(DevTokens.CUSTODIAN));
      Failures failures = new Failures();
      SortedMap<Integer, LoopResult> creates = createLevels(endpoint, label, failures, serverLog);
      SortedMap<Integer, LoopResult> codeChecks =
          codeCheckLevels(endpoint, label, failures, serverLog);
      double peakRssMib = server.peakResidentKib().orElse(0) / 1024.0;
      return new ValidationFigures(
          mode, creates, codeChecks, peakRssMib, startup.toMillis() / 1000.0);
    } finally {
      databases.release(database);
    }
  }

  private SortedMap<Integer, LoopResult> createLevels(
      FhirEndpoint endpoint, String label, Failures failures, Path serverLog)
      throws MeasurementFailure, IOException, InterruptedException {
    Prescribers prescribers;
    try {
      prescribers = Prescribers.create(endpoint);
    } catch (MeasurementFailure e) {
      throw new MeasurementFailure(label + " " + e.getMessage() + "; server log: " + serverLog);
    }
    List<String> bodies =
        Prescriptions.rotation(prescribers.patientIds(), prescribers.practitionerIds());
    CreateLoop loop = new CreateLoop(endpoint);
    if (options.warmUpCreates() > 0) {
      neighbours.sample(servers.pids());
      LoopResult warm =
          loop.run(bodies, options.warmUpCreates(), options.warmUpClients(), failures);
      log.println(label + " warm-up: " + describe(warm, "creates/s"));
      stopOnFailures(label + " warm-up creates", failures, serverLog);
    }
    SortedMap<Integer, LoopResult> levels = new TreeMap<>();
    for (int clients : options.createConcurrency()) {
      neighbours.sample(servers.pids());
      LoopResult result = loop.run(bodies, options.creates(), clients, failures);
      log.println(
          label
              + " create, "
              + plural(clients, "client")
              + ", "
              + TextFormats.count(options.creates())
              + " creates: "
              + describe(result, "creates/s"));
      stopOnFailures(label + " create with " + plural(clients, "client"), failures, serverLog);
      levels.put(clients, result);
    }
    return levels;
  }

  private SortedMap<Integer, LoopResult> codeCheckLevels(
      FhirEndpoint endpoint, String label, Failures failures, Path serverLog)
      throws MeasurementFailure, InterruptedException {
    CodeCheckLoop loop = new CodeCheckLoop(endpoint, CodeChecks.rotation());
    SortedMap<Integer, LoopResult> levels = new TreeMap<>();
    for (int clients : options.codeCheckConcurrency()) {
      neighbours.sample(servers.pids());
      LoopResult result = loop.run(clients, options.warmUp(), options.window(), failures);
      log.println(
          label
              + " $validate-code, "
              + plural(clients, "client")
              + ": "
              + describe(result, "requests/s"));
      stopOnFailures(
          label + " $validate-code with " + plural(clients, "client"), failures, serverLog);
      levels.put(clients, result);
    }
    return levels;
  }

  private static void stopOnFailures(String where, Failures failures, Path serverLog)
      throws MeasurementFailure {
    if (failures.count() == 0) {
      return;
    }
    throw new MeasurementFailure(
        where
            + ": "
            + TextFormats.count(failures.count())
            + (failures.count() == 1 ? " request" : " requests")
            + " got a wrong answer, so the run's figures would not compare; first: "
            + String.join(" | ", failures.examples())
            + "; server log: "
            + serverLog);
  }

  private static String describe(LoopResult result, String rateUnit) {
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p99 %.1f ms, %.1f %s, %d errors",
        result.p50Millis(),
        result.p99Millis(),
        result.perSecond(),
        rateUnit,
        result.errors());
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
