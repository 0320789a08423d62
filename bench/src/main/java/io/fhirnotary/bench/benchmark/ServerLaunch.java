package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start one server process: the executable jar on PostgreSQL, in a given mode, on a given
 * port. Property names follow the configuration contract in DESIGN.md section 10.
 *
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
    List<String> extraArguments) {

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
    command.add("--spring.profiles.active=postgres");
    command.add("--spring.datasource.url=" + jdbcUrl);
    command.add("--spring.datasource.username=" + databaseUser);
    command.add("--server.port=" + port);
    command.add("--fhirnotary.mode=" + mode);
    command.addAll(extraArguments);
    return command;
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
