package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** A server started as a child process, with its output in a log file. */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;
  private final long startedNanos;
  private boolean stopped;

  private ServerProcess(Process process, Path log, int port, long startedNanos) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.startedNanos = startedNanos;
  }

  public static ServerProcess start(
      List<String> command, Map<String, String> environment, int port, Path log)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    return new ServerProcess(builder.start(), log, port, started);
  }

  public long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /**
   * Waits until the readiness probe answers 200 (falling back to {@code /fhir/metadata} when the
   * server has no actuator) and returns the time since start.
   */
  Duration awaitReady(HttpClient client, String fhirPath, Duration timeout)
      throws IOException, InterruptedException {
    return awaitReady(client, Optional.of(fhirPath), timeout);
  }

  /**
   * Waits until {@code /actuator/health/readiness} answers 200, with no fallback for a server
   * without actuator, and returns the time since start.
   */
  public Duration awaitReady(HttpClient client, Duration timeout)
      throws IOException, InterruptedException {
    return awaitReady(client, Optional.empty(), timeout);
  }

  private Duration awaitReady(HttpClient client, Optional<String> fhirPath, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String root = "http://127.0.0.1:" + port;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "the server exited with status "
                + process.exitValue()
                + " before it was ready; see "
                + log);
      }
      int readiness = status(client, root + "/actuator/health/readiness");
      if (readiness == 200
          || (readiness == 404
              && fhirPath.isPresent()
              && status(client, root + fhirPath.get() + "/metadata") == 200)) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      Thread.sleep(250);
    }
    throw new IOException(
        "the server was not ready after " + timeout.toSeconds() + " s; see " + log);
  }

  /** VmHWM: the most resident memory the process has had, in KiB. Linux only. */
  public OptionalLong peakResidentKib() {
    try {
      String status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
      return ProcFiles.kibibytes(status, "VmHWM");
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * CPU time the process has used so far, all threads, in clock ticks ({@link ClockTicks}); empty
   * once it has exited. Linux only.
   */
  public OptionalLong cpuTicks() {
    try {
      return ProcStat.cpuTicks(
          Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The last lines of the server log, to show why it failed. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, so Spring shuts down cleanly; SIGKILL if it has not after 30 s. Idempotent. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int status(HttpClient client, String url) throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }
}
