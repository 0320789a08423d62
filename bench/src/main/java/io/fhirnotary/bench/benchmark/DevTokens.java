package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Access tokens for the demo clients of a server started in the dev profile, obtained the way
 * {@code scripts/dev-token} gets them: the server jar's own {@code DevTokenCommand} signs a client
 * assertion with the client's key from the server's data folder and posts it to {@code
 * /oauth/token}. Running the server's code keeps the harness free of JOSE libraries and always in
 * step with what the server accepts. Takes about a second per token (a JVM start), never inside a
 * measurement.
 */
public final class DevTokens {

  /** The custodian EHR system: system scopes, writes and sees everything. Ingest runs as it. */
  public static final String CUSTODIAN = "demo-custodian-ehr";

  /** The pharmacy the patients share their prescriptions with. The pull runs as it. */
  public static final String PHARMACY = "demo-pharmacy-1";

  /** The Organization the pharmacy's tokens name as {@code fhirUser}. */
  public static final String PHARMACY_ORGANIZATION = "Organization/demo-pharmacy-1";

  static final String COMMAND_CLASS = "io.fhirnotary.server.devauth.DevTokenCommand";
  static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ServerLaunch server;

  public DevTokens(ServerLaunch server) {
    this.server = server;
  }

  /** A token for {@code clientId} when the server needs one; empty for a plain-mode server. */
  public Optional<String> forClient(String clientId) throws IOException, InterruptedException {
    if (!server.needsTokens()) {
      return Optional.empty();
    }
    return Optional.of(fetch(clientId));
  }

  private String fetch(String clientId) throws IOException, InterruptedException {
    List<String> command = command(ServerLaunch.javaExecutable(), server, clientId);
    Process process = new ProcessBuilder(command).start();
    // Both streams are read concurrently so that neither can fill its pipe and stall the child.
    CompletableFuture<String> stdout = readAll(process.getInputStream());
    CompletableFuture<String> stderr = readAll(process.getErrorStream());
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("no token for " + clientId + " within " + TIMEOUT.toSeconds() + " s");
    }
    String token = output(stdout).trim();
    if (process.exitValue() != 0 || token.isEmpty() || token.contains("\n")) {
      throw new IOException(
          "no token for "
              + clientId
              + " (DevTokenCommand exit status "
              + process.exitValue()
              + "): "
              + output(stderr).trim());
    }
    return token;
  }

  /** The child command line: the server jar's token command through Boot's launcher. */
  static List<String> command(Path javaExecutable, ServerLaunch server, String clientId) {
    return List.of(
        javaExecutable.toString(),
        "-cp",
        server.jar().toString(),
        "-Dloader.main=" + COMMAND_CLASS,
        BOOT_LAUNCHER,
        "--client",
        clientId,
        "--server",
        server.root(),
        "--data-dir",
        server.dataDirectory().toAbsolutePath().toString());
  }

  private static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }

  private static String output(CompletableFuture<String> stream) throws InterruptedException {
    try {
      return stream.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "";
    }
  }
}
