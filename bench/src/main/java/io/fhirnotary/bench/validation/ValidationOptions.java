package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.cli.Arguments;
import io.fhirnotary.bench.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The parsed command line of {@code validation}. */
record ValidationOptions(
    Path serverJar,
    List<String> modes,
    int repeat,
    int creates,
    int warmUpCreates,
    List<Integer> createConcurrency,
    List<Integer> codeCheckConcurrency,
    Duration warmUp,
    Duration window,
    String adminJdbcUrl,
    String databaseUser,
    boolean keepDatabases,
    List<String> serverJvmOptions,
    List<String> serverArguments,
    String fhirPath,
    Duration readyTimeout,
    Path workDirectory,
    Optional<Path> reportFile,
    String command) {

  static final List<String> KNOWN_MODES = List.of("plain", "protected");

  static final String USAGE =
      """
usage: validation [options]      (normally through bench/validation)

Validation overhead: MedicationRequest create latency and rate, and CodeSystem/$validate-code
requests/s, per server mode, each mode on a fresh database.

  --server-jar PATH                  default server/target/fhir-notary-server.jar
  --modes LIST                       plain, protected or both (default plain,protected)
  --repeat K                         repeat everything K times, report medians (default 1)
  --creates N                        measured creates per concurrency level (default 500)
  --warmup-creates N                 creates after start-up, not measured (default 50)
  --concurrency LIST                 create clients per level (default 1,4)
  --validate-code-concurrency LIST   $validate-code clients per level (default 1,4,16)
  --warmup SECONDS                   per $validate-code level, not measured (default 5)
  --duration SECONDS                 measured per $validate-code level (default 15)
  --db-url JDBC_URL                  maintenance database
                                     (default jdbc:postgresql://127.0.0.1:5432/postgres);
                                     the password, if any, comes from PGPASSWORD
  --db-user USER                     default postgres
  --keep                             keep the databases (vbench_*) for inspection
  --server-jvm-opt OPT               JVM option for the server, repeatable (e.g. -Xmx1g)
  --server-arg ARG                   extra server argument, repeatable
  --fhir-path PATH                   FHIR base path on the server (default /fhir)
  --ready-timeout SECONDS            server start-up limit (default 300)
  --work-dir DIR                     server logs (default bench-runs/validation-<time>)
  --report FILE                      also write the Markdown report here
  --command TEXT                     the command line the report quotes
""";

  private static final Set<String> VALUED =
      Set.of(
          "server-jar",
          "modes",
          "repeat",
          "creates",
          "warmup-creates",
          "concurrency",
          "validate-code-concurrency",
          "warmup",
          "duration",
          "db-url",
          "db-user",
          "server-jvm-opt",
          "server-arg",
          "fhir-path",
          "ready-timeout",
          "work-dir",
          "report",
          "command");

  private static final Set<String> FLAGS = Set.of("keep");

  static ValidationOptions from(List<String> args, String defaultWorkDirectory)
      throws UsageException {
    Arguments a = Arguments.parse(args, VALUED, FLAGS);
    List<String> modes = a.words("modes", KNOWN_MODES);
    for (String mode : modes) {
      if (!KNOWN_MODES.contains(mode)) {
        throw new UsageException(
            "unknown mode '" + mode + "'; known: " + String.join(", ", KNOWN_MODES));
      }
    }
    if (Set.copyOf(modes).size() != modes.size()) {
      throw new UsageException("--modes lists a mode twice");
    }
    String fhirPath = a.string("fhir-path", "/fhir");
    if (!fhirPath.startsWith("/")) {
      throw new UsageException("--fhir-path must start with /");
    }
    return new ValidationOptions(
        Path.of(a.string("server-jar", "server/target/fhir-notary-server.jar")),
        modes,
        a.positiveInt("repeat", 1),
        a.positiveInt("creates", 500),
        a.intAtLeast("warmup-creates", 50, 0),
        distinctLevels("concurrency", a.positiveInts("concurrency", List.of(1, 4))),
        distinctLevels(
            "validate-code-concurrency",
            a.positiveInts("validate-code-concurrency", List.of(1, 4, 16))),
        Duration.ofSeconds(a.intAtLeast("warmup", 5, 0)),
        Duration.ofSeconds(a.positiveInt("duration", 15)),
        a.string("db-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
        a.string("db-user", "postgres"),
        a.flag("keep"),
        a.all("server-jvm-opt"),
        a.all("server-arg"),
        fhirPath.endsWith("/") ? fhirPath.substring(0, fhirPath.length() - 1) : fhirPath,
        Duration.ofSeconds(a.positiveInt("ready-timeout", 300)),
        Path.of(a.string("work-dir", defaultWorkDirectory)),
        a.optional("report").map(Path::of),
        a.string("command", "validation " + String.join(" ", args)));
  }

  /** Levels key the figures, so a level given twice would silently measure once. */
  private static List<Integer> distinctLevels(String name, List<Integer> levels)
      throws UsageException {
    if (Set.copyOf(levels).size() != levels.size()) {
      throw new UsageException("--" + name + " lists a level twice");
    }
    return levels;
  }

  /** Warm-up creates use every client the busiest measured level will, so pools fill up too. */
  int warmUpClients() {
    return createConcurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  ValidationOptions withServerJar(Path jar) {
    return new ValidationOptions(
        jar,
        modes,
        repeat,
        creates,
        warmUpCreates,
        createConcurrency,
        codeCheckConcurrency,
        warmUp,
        window,
        adminJdbcUrl,
        databaseUser,
        keepDatabases,
        serverJvmOptions,
        serverArguments,
        fhirPath,
        readyTimeout,
        workDirectory,
        reportFile,
        command);
  }
}
