package io.fhirnotary.bench.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
