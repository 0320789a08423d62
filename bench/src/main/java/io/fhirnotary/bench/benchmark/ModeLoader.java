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
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Brings one mode to the point where its pull can be measured: one server per ingest concurrency,
 * each on a fresh database, loads the corpus (measured); the servers of all but the last level are
 * stopped at once, the last one's keeps running with the whole corpus, the pharmacy's Consents
 * stored and its requests' answers counted.
 */
final class ModeLoader {

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

  /**
   * @param runId keeps database names of concurrent or crashed runs apart
   */
  ModeLoader(
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
   * The caller owns the returned mode and must close it; on failure nothing is left running.
   *
   * @param run the repetition, from 1
   */
  LoadedMode load(String mode, int run)
      throws BenchmarkFailure, IOException, SQLException, InterruptedException {
    SortedMap<Integer, Double> ingest = new TreeMap<>();
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
      String database = BenchRunner.databaseName(runId, mode, run, workers);
      int port = ServerLaunch.freePort();
      String name = mode + "-r" + run + "-w" + workers;
      Path serverLog = options.workDirectory().resolve("server-" + name + ".log");
      ServerLaunch launch =
          new ServerLaunch(
              options.serverJar(),
              options.serverJvmOptions(),
              mode,
              databases.create(database),
              options.databaseUser(),
              port,
              options.workDirectory().resolve("data-" + name),
              options.serverArguments());
      ScratchServer server = start(launch, database, serverLog);
      boolean handedOver = false;
      try {
        Duration startup =
            server.process().awaitReady(probeClient, options.fhirPath(), options.readyTimeout());
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
          Duration vacuum = databases.vacuumAnalyze(database);
          log.printf(
              Locale.ROOT,
              "%s database vacuumed and analysed before the pull in %s%n",
              label,
              TextFormats.seconds(vacuum));
          FhirEndpoint pharmacy =
              FhirEndpoint.create(fhirBase, tokens.forClient(DevTokens.PHARMACY));
          LoadedMode.Pull pull = preparePull(custodian, pharmacy, label, serverLog);
          LoadedMode ready =
              new LoadedMode(
                  mode,
                  label,
                  new LoadedMode.Ingest(ingest, Medians.of(startups), peakRssMib),
                  pull,
                  server);
          handedOver = true;
          return ready;
        }
        peakRssMib = Math.max(peakRssMib, server.process().peakResidentKib().orElse(0) / 1024.0);
      } finally {
        if (!handedOver) {
          server.close();
        }
      }
    }
    throw new IllegalStateException("no ingest concurrency to load with");
  }

  /** Drops the database again when the server does not even start. */
  private ScratchServer start(ServerLaunch launch, String database, Path serverLog)
      throws IOException, SQLException {
    try {
      ServerProcess process =
          servers.start(
              launch.command(ServerLaunch.javaExecutable()),
              ServerLaunch.childEnvironment(),
              launch.port(),
              serverLog);
      return new ScratchServer(process, database, databases);
    } catch (IOException | RuntimeException e) {
      databases.release(database);
      throw e;
    }
  }

  /**
   * Lists the patients and stores their Consents as the custodian, then checks what the pharmacy's
   * requests return.
   */
  private LoadedMode.Pull preparePull(
      FhirEndpoint custodian, FhirEndpoint pharmacy, String label, Path serverLog)
      throws BenchmarkFailure, IOException, InterruptedException {
    List<String> patients = new PatientDirectory(custodian, json).patientIds();
    if (patients.isEmpty()) {
      throw new BenchmarkFailure(label + " the server lists no patients after loading the corpus");
    }
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
    return new LoadedMode.Pull(pull, patients, entries);
  }

  static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
