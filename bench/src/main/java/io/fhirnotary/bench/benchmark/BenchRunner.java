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

  /** Figures per mode (in the order of {@code --modes}), one entry per repetition. */
  Map<String, List<ModeFigures>> run()
      throws BenchmarkFailure, IOException, SQLException, InterruptedException {
    Map<String, List<ModeFigures>> byMode = new LinkedHashMap<>();
    for (int run = 1; run <= options.repeat(); run++) {
      for (String mode : options.modes()) {
        byMode.computeIfAbsent(mode, m -> new ArrayList<>()).add(measure(mode, run));
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
      String database = "bench_" + runId + "_" + mode + "_r" + run + "_w" + workers;
      String jdbcUrl = databases.create(database);
      int port = ServerLaunch.freePort();
      Path serverLog =
          options.workDirectory().resolve("server-" + mode + "-r" + run + "-w" + workers + ".log");
      ServerLaunch launch =
          new ServerLaunch(
              options.serverJar(),
              options.serverJvmOptions(),
              mode,
              jdbcUrl,
              options.databaseUser(),
              port,
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

        FhirEndpoint endpoint =
            FhirEndpoint.create("http://127.0.0.1:" + port + options.fhirPath(), options.token());
        BundleUploader uploader =
            new BundleUploader(endpoint, options.loadTimeout(), new BundleResponseReader(json));
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
          pulls.putAll(pharmacyPulls(endpoint, label));
        }
        peakRssMib = Math.max(peakRssMib, server.peakResidentKib().orElse(0) / 1024.0);
      } finally {
        databases.release(database);
      }
    }
    return new ModeFigures(mode, ingest, pulls, peakRssMib, Medians.of(startups));
  }

  private Map<Integer, PullResult> pharmacyPulls(FhirEndpoint endpoint, String label)
      throws BenchmarkFailure, IOException, InterruptedException {
    List<String> patients = new PatientDirectory(endpoint, json).patientIds();
    if (patients.isEmpty()) {
      throw new BenchmarkFailure(label + " the server lists no patients after loading the corpus");
    }
    patientsPulled = patients.size();
    Map<Integer, PullResult> results = new LinkedHashMap<>();
    PharmacyPull pull = new PharmacyPull(endpoint);
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
    return results;
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
