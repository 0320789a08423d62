package io.fhirnotary.bench.benchmark;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One mode's server after its ingest, ready for the pull: the pharmacy's Consents stored and what
 * its requests return counted. The server runs until this is closed, so that the pull can be
 * measured right away or later, in turns with other modes' servers.
 */
final class LoadedMode implements PullTarget, AutoCloseable {

  /**
   * @param resourcesPerSecond by number of loader workers
   * @param startupSeconds median over the mode's servers, each on an empty database
   * @param peakRssMib of the servers of the other ingest levels, already stopped
   */
  record Ingest(
      SortedMap<Integer, Double> resourcesPerSecond, double startupSeconds, double peakRssMib) {}

  /**
   * @param entriesPerPass MedicationRequests one pass of the pull's requests over all patients
   *     returned (see {@link PullEntryCheck})
   */
  record Pull(PharmacyPull requests, List<String> patients, long entriesPerPass) {

    Pull {
      patients = List.copyOf(patients);
    }
  }

  private final String mode;
  private final String label;
  private final Ingest ingest;
  private final Pull pull;
  private final ScratchServer server;

  /**
   * @param label how progress lines name this mode's run
   */
  LoadedMode(String mode, String label, Ingest ingest, Pull pull, ScratchServer server) {
    this.mode = mode;
    this.label = label;
    this.ingest = ingest;
    this.pull = pull;
    this.server = server;
  }

  @Override
  public String mode() {
    return mode;
  }

  String label() {
    return label;
  }

  List<String> patients() {
    return pull.patients();
  }

  long pullEntries() {
    return pull.entriesPerPass();
  }

  ServerProcess process() {
    return server.process();
  }

  @Override
  public PullWindow measure(int clients, Duration warmUp, Duration window)
      throws InterruptedException {
    return pull.requests().measure(pull.patients(), clients, warmUp, window);
  }

  @Override
  public Optional<CompilerLoad> compilerLoad() {
    return CompilerLoad.ofProcess(server.process().pid());
  }

  /** The mode's figures with these pulls; call before {@link #close}, for the peak RSS. */
  ModeFigures figures(SortedMap<Integer, PullResult> pulls) {
    double peakRssMib =
        Math.max(ingest.peakRssMib(), server.process().peakResidentKib().orElse(0) / 1024.0);
    return new ModeFigures(
        mode,
        ingest.resourcesPerSecond(),
        pulls,
        pull.entriesPerPass(),
        peakRssMib,
        ingest.startupSeconds());
  }

  /** Stops the server and drops its database. */
  @Override
  public void close() throws SQLException {
    server.close();
  }
}
