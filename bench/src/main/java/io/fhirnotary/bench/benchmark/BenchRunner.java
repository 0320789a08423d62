package io.fhirnotary.bench.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirnotary.bench.http.FhirEndpoint;
import io.fhirnotary.bench.load.BundleResponseReader;
import io.fhirnotary.bench.load.BundleUploader;
import io.fhirnotary.bench.load.CorpusLoader;
import io.fhirnotary.bench.load.LoadPlan;
import io.fhirnotary.bench.load.LoadSummary;
import io.fhirnotary.bench.load.LoadSummaryFormatter;
import io.fhirnotary.bench.load.ProgressDisplay;
import io.fhirnotary.bench.load.TextFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs the measurements: for every repetition and mode, one server per ingest concurrency, each on
 * a fresh database; the pharmacy pull runs against the server of the last ingest, whose database
 * then holds the whole corpus.
 *
 * <p>Modes alternate within each repetition (plain, protected, plain, protected, ...) so that a
 * slow drift of the machine (page cache, thermal throttling) spreads over both.
 */
final class BenchRunner {

  private final BenchOptions options;
  private final LoadPlan plan;
  private final ScratchDatabases databases;
  private final ChildServers servers;
  private final ProgressDisplay loadDisplay;
  private final PrintStream log;
  private final String runId;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient probeClient =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private int patientsPulled;

  /**
   * @param runId keeps database names of concurrent or crashed runs apart
   */
  BenchRunner(
      BenchOptions options,
      LoadPlan plan,
      ScratchDatabases databases,
      ChildServers servers,
      ProgressDisplay loadDisplay,
      PrintStream log,
      String runId) {
    this.options = options;
    this.plan = plan;
    this.databases = databases;
    this.servers = servers;
    this.loadDisplay = loadDisplay;
    this.log = log;
    this.runId = runId;
  }

  /**
   * Figures per mode (in the order of {@code --modes}), one entry per repetition.
   *
   * @throws BenchmarkFailure also as soon as a mode's pull returns less than plain's (see {@link
   *     PullEntryCheck})
   */
  Map<String, List<ModeFigures>> run()
      throws BenchmarkFailure, IOException, SQLException, InterruptedException {
    Map<String, List<ModeFigures>> byMode = new LinkedHashMap<>();
    Map<String, List<Long>> pullEntries = new LinkedHashMap<>();
    for (int run = 1; run <= options.repeat(); run++) {
      for (String mode : options.modes()) {
        ModeFigures figures = measure(mode, run);
        byMode.computeIfAbsent(mode, m -> new ArrayList<>()).add(figures);
        pullEntries
            .computeIfAbsent(mode, m -> new ArrayList<>())
            .add(Math.round(figures.pullEntries()));
        Optional<String> problem = PullEntryCheck.problem(pullEntries);
        if (problem.isPresent()) {
          throw new BenchmarkFailure(problem.get());
        }
      }
    }
    return byMode;
  }

  int patientsPulled() {
    return patientsPulled;
  }

  private ModeFigures measure(String mode, int run)
      throws BenchmarkFailure, IOException, SQLException, InterruptedException {
    SortedMap<Integer, Double> ingest = new TreeMap<>();
    SortedMap<Integer, PullResult> pulls = new TreeMap<>();
    List<Double> startups = new ArrayList<>();
    long pullEntries = 0;
    double peakRssMib = 0;
    List<Integer> levels = options.ingestConcurrency();
    for (int i = 0; i < levels.size(); i++) {
      int workers = levels.get(i);
      String label =
          String.format(
              Locale.ROOT,
              "[%s, run %d/%d, %s]",
              mode,
              run,
              options.repeat(),
              plural(workers, "loader worker"));
      String database = databaseName(runId, mode, run, workers);
      String jdbcUrl = databases.create(database);
      int port = ServerLaunch.freePort();
      String name = mode + "-r" + run + "-w" + workers;
      Path serverLog = options.workDirectory().resolve("server-" + name + ".log");
      ServerLaunch launch =
          new ServerLaunch(
              options.serverJar(),
              options.serverJvmOptions(),
              mode,
              jdbcUrl,
              options.databaseUser(),
              port,
              options.workDirectory().resolve("data-" + name),
              options.serverArguments());
      try (ServerProcess server =
          servers.start(launch.command(ServerLaunch.javaExecutable()), ServerLaunch.childEnvironment(), port, serverLog)) {
        Duration startup =
            server.awaitReady(probeClient, options.fhirPath(), options.readyTimeout());
        startups.add(startup.toMillis() / 1000.0);
        log.printf(
            Locale.ROOT,
            "%s server ready on port %d after %s (database %s, log %s)%n",
            label,
            port,
            TextFormats.seconds(startup),
            database,
            serverLog);

        DevTokens tokens = new DevTokens(launch);
        String fhirBase = launch.root() + options.fhirPath();
        FhirEndpoint custodian =
            FhirEndpoint.create(fhirBase, tokens.forClient(DevTokens.CUSTODIAN));
        BundleUploader uploader =
            new BundleUploader(custodian, options.loadTimeout(), new BundleResponseReader(json));
        LoadSummary loaded = new CorpusLoader(uploader, loadDisplay).load(plan, workers);
        log.print(label + " " + LoadSummaryFormatter.format(loaded));
        if (!loaded.complete()) {
          throw new BenchmarkFailure(
              label
                  + " the corpus did not load completely, so its figures would not compare; "
                  + "server log: "
                  + serverLog);
        }
        ingest.put(workers, loaded.resourcesPerSecond());

        if (i == levels.size() - 1) {
          FhirEndpoint pharmacy =
              FhirEndpoint.create(fhirBase, tokens.forClient(DevTokens.PHARMACY));
          PullRun pull = pharmacyPulls(custodian, pharmacy, label, serverLog);
          pulls.putAll(pull.results());
          pullEntries = pull.entriesPerPass();
        }
        peakRssMib = Math.max(peakRssMib, server.peakResidentKib().orElse(0) / 1024.0);
      } finally {
        databases.release(database);
      }
    }
    return new ModeFigures(mode, ingest, pulls, pullEntries, peakRssMib, Medians.of(startups));
  }

  /** The pull's figures per level, and what one pass over all patients returned. */
  private record PullRun(Map<Integer, PullResult> results, long entriesPerPass) {}

  /**
   * Lists the patients and stores their Consents as the custodian, checks what the pharmacy's
   * requests return, then measures them.
   */
  private PullRun pharmacyPulls(
      FhirEndpoint custodian, FhirEndpoint pharmacy, String label, Path serverLog)
      throws BenchmarkFailure, IOException, InterruptedException {
    List<String> patients = new PatientDirectory(custodian, json).patientIds();
    if (patients.isEmpty()) {
      throw new BenchmarkFailure(label + " the server lists no patients after loading the corpus");
    }
    patientsPulled = patients.size();
    try {
      new PharmacyConsents(custodian, json).grantAll(patients);
    } catch (IOException e) {
      throw new BenchmarkFailure(label + " " + e.getMessage() + "; server log: " + serverLog);
    }
    PharmacyPull pull = new PharmacyPull(pharmacy);
    long entries;
    try {
      entries = pull.entriesPerPass(patients, json);
    } catch (IOException e) {
      throw new BenchmarkFailure(label + " " + e.getMessage() + "; server log: " + serverLog);
    }
    log.printf(
        Locale.ROOT,
        "%s %d Consents stored; pull check as %s: %d prescriptions over %d patients%n",
        label,
        patients.size(),
        pharmacy.hasToken() ? DevTokens.PHARMACY : "a client without a token",
        entries,
        patients.size());
    Map<Integer, PullResult> results = new LinkedHashMap<>();
    for (int clients : options.pullConcurrency()) {
      PullResult result = pull.run(patients, clients, options.warmUp(), options.window());
      log.println(
          String.format(
              Locale.ROOT,
              "%s pull, %s over %d patients: p50 %.1f ms, p99 %.1f ms, %.0f requests/s, %d errors",
              label,
              plural(clients, "client"),
              patients.size(),
              result.p50Millis(),
              result.p99Millis(),
              result.requestsPerSecond(),
              result.errors()));
      results.put(clients, result);
    }
    return new PullRun(results, entries);
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** A PostgreSQL identifier: mode names may hold '-' (protected-unnotarised), identifiers may not. */
  static String databaseName(String runId, String mode, int run, int workers) {
    return "bench_" + runId + "_" + mode.replace('-', '_') + "_r" + run + "_w" + workers;
  }
}
