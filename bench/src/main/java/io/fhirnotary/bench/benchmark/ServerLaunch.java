package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start one server process: the executable jar on PostgreSQL, in a given mode, on a given
 * port, with its own data folder. Property names follow the configuration contract in DESIGN.md
 * section 10.
 *
 * <p>Protected mode requires bearer tokens, so it runs with the {@code dev} profile too: the
 * server's own token endpoint and demo clients, their keys generated in the data folder (see
 * {@link DevTokens}). Its tokens are made to last a day, so that no measurement outlives the
 * tokens it started with. Plain mode runs without the dev profile: HAPI as it comes.
 *
 * @param dataDirectory the server's {@code fhirnotary.data-dir}: dev keys, nothing else on
 *     PostgreSQL
 * @param extraArguments appended last; they must not repeat a property set here, since Spring joins
 *     repeated command-line properties into one comma-separated value
 */
public record ServerLaunch(
    Path jar,
    List<String> jvmOptions,
    String mode,
    String jdbcUrl,
    String databaseUser,
    int port,
    Path dataDirectory,
    List<String> extraArguments) {

  public static final String PROTECTED = "protected";

  /**
   * Protected mode with the notary switched off ({@code fhirnotary.notary.enabled=false}): no
   * outbox capture, no anchoring. Measured beside {@link #PROTECTED} it gives the cost of capture.
   */
  public static final String PROTECTED_UNNOTARISED = "protected-unnotarised";

  /** Longer than any measurement; the dev default (1 h) is shorter than a large ingest. */
  static final String DEV_TOKEN_LIFETIME = "24h";

  public ServerLaunch {
    jvmOptions = List.copyOf(jvmOptions);
    extraArguments = List.copyOf(extraArguments);
  }

  public List<String> command(Path javaExecutable) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable.toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--spring.profiles.active=" + (needsTokens() ? "dev,postgres" : "postgres"));
    command.add("--spring.datasource.url=" + jdbcUrl);
    command.add("--spring.datasource.username=" + databaseUser);
    command.add("--server.port=" + port);
    command.add("--fhirnotary.mode=" + (needsTokens() ? PROTECTED : mode));
    if (PROTECTED_UNNOTARISED.equals(mode)) {
      command.add("--fhirnotary.notary.enabled=false");
    }
    command.add("--fhirnotary.data-dir=" + dataDirectory.toAbsolutePath());
    if (needsTokens()) {
      command.add("--fhirnotary.dev.token-lifetime=" + DEV_TOKEN_LIFETIME);
    }
    command.addAll(extraArguments);
    return command;
  }

  /** Whether requests to this server need bearer tokens (from the dev token endpoint). */
  public boolean needsTokens() {
    return PROTECTED.equals(mode) || PROTECTED_UNNOTARISED.equals(mode);
  }

  /** The server root as the harness addresses it; tokens are issued for exactly this host. */
  public String root() {
    return "http://127.0.0.1:" + port;
  }

  /** The password reaches the server through its environment, never its (visible) command line. */
  public static Map<String, String> childEnvironment() {
    String password = System.getenv("PGPASSWORD");
    return password == null ? Map.of() : Map.of("SPRING_DATASOURCE_PASSWORD", password);
  }

  public static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** A port nobody listens on right now; the server binds it moments later. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
