package io.fhirnotary.bench.benchmark;

import io.fhirnotary.bench.cli.Arguments;
import io.fhirnotary.bench.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The parsed command line of {@code bench}. */
record BenchOptions(
    Path corpus,
    String corpusLabel,
    Path serverJar,
    List<String> modes,
    int repeat,
    List<Integer> ingestConcurrency,
    List<Integer> pullConcurrency,
    Duration warmUp,
    Duration window,
    boolean interleavePulls,
    int pullRounds,
    Duration pullWarmUp,
    String adminJdbcUrl,
    String databaseUser,
    boolean keepDatabases,
    List<String> serverJvmOptions,
    List<String> serverArguments,
    String fhirPath,
    Duration readyTimeout,
    Duration loadTimeout,
    Path workDirectory,
    Optional<Path> reportFile,
    String command) {

  static final List<String> KNOWN_MODES =
      List.of("plain", ServerLaunch.PROTECTED, ServerLaunch.PROTECTED_UNNOTARISED);

  static final String USAGE =
      """
usage: bench --corpus DIR [options]      (normally through bench/run)

  --corpus DIR               folder with the Synthea bundles to load
  --corpus-label TEXT        how the report names the corpus
  --server-jar PATH          default server/target/fhir-notary-server.jar
  --modes LIST               plain, protected, protected-unnotarised (protected with the
                             notary off), comma-separated (default plain)
  --repeat K                 repeat everything K times, report medians (default 1)
  --ingest-concurrency LIST  loader workers, one fresh database each (default 1,4)
  --pull-concurrency LIST    pharmacy clients per level (default 1,4,16)
  --warmup SECONDS           per pull level, not measured (default 5)
  --duration SECONDS         measured per pull level (default 15), per window when interleaved
  --interleave-pulls         keep every mode's server running after its ingest, then pull in
                             turns: per level, rounds of one warm-up + window per mode, mode
                             order reversed every other round, each window after the servers
                             are quiet; figures pool each mode's windows (default off: each
                             mode pulls right after its ingest)
  --pull-rounds N            rounds per level with --interleave-pulls (default 5)
  --pull-warmup SECONDS      with --interleave-pulls, before the first window pull from each
                             server at the lowest level, not measured, in 10 s slices until its
                             JIT compiler threads use under 10% of its CPU in a slice, for at
                             most this long (default 180; 0 skips it)
  --db-url JDBC_URL          maintenance database (default jdbc:postgresql://127.0.0.1:5432/postgres);
                             the password, if any, comes from PGPASSWORD
  --db-user USER             default postgres
  --keep                     keep the databases (bench_*) for inspection
  --server-jvm-opt OPT       JVM option for the server, repeatable (e.g. -Xmx2g)
  --server-arg ARG           extra server argument, repeatable (e.g. --some.property=x);
                             --fhirnotary.max-request-size=512MB unless given
  --fhir-path PATH           FHIR base path on the server (default /fhir)
  --ready-timeout SECONDS    server start-up limit (default 300)
  --load-timeout SECONDS     per bundle (default 1800)
  --work-dir DIR             server logs (default bench-runs/<time>)
  --report FILE              also write the Markdown report here
  --command TEXT             the command line the report quotes
""";

  private static final Set<String> VALUED =
      Set.of(
          "corpus",
          "corpus-label",
          "server-jar",
          "modes",
          "repeat",
          "ingest-concurrency",
          "pull-concurrency",
          "warmup",
          "duration",
          "pull-rounds",
          "pull-warmup",
          "db-url",
          "db-user",
          "server-jvm-opt",
          "server-arg",
          "fhir-path",
          "ready-timeout",
          "load-timeout",
          "work-dir",
          "report",
          "command");

  private static final Set<String> FLAGS = Set.of("keep", "interleave-pulls");

  /**
   * Synthea writes single-patient transactions of 40-90 MB for long, busy lives; the server's
   * default body limit (10 MB) would reject them, and the benchmark is about storing them.
   */
  static final String REQUEST_SIZE_PROPERTY = "--fhirnotary.max-request-size=";

  static final String BENCH_REQUEST_SIZE_LIMIT = REQUEST_SIZE_PROPERTY + "512MB";

  static BenchOptions from(List<String> args, String defaultWorkDirectory) throws UsageException {
    Arguments a = Arguments.parse(args, VALUED, FLAGS);
    Path corpus = Path.of(a.required("corpus"));
    List<String> modes = a.words("modes", List.of("plain"));
    for (String mode : modes) {
      if (!KNOWN_MODES.contains(mode)) {
        throw new UsageException(
            "unknown mode '" + mode + "'; known: " + String.join(", ", KNOWN_MODES));
      }
    }
    if (Set.copyOf(modes).size() != modes.size()) {
      throw new UsageException("--modes lists a mode twice");
    }
    boolean interleavePulls = a.flag("interleave-pulls");
    if (!interleavePulls && a.optional("pull-rounds").isPresent()) {
      throw new UsageException("--pull-rounds needs --interleave-pulls");
    }
    if (!interleavePulls && a.optional("pull-warmup").isPresent()) {
      throw new UsageException("--pull-warmup needs --interleave-pulls");
    }
    String fhirPath = a.string("fhir-path", "/fhir");
    if (!fhirPath.startsWith("/")) {
      throw new UsageException("--fhir-path must start with /");
    }
    return new BenchOptions(
        corpus,
        a.string("corpus-label", corpus.toString()),
        Path.of(a.string("server-jar", "server/target/fhir-notary-server.jar")),
        modes,
        a.positiveInt("repeat", 1),
        a.positiveInts("ingest-concurrency", List.of(1, 4)),
        a.positiveInts("pull-concurrency", List.of(1, 4, 16)),
        Duration.ofSeconds(a.intAtLeast("warmup", 5, 0)),
        Duration.ofSeconds(a.positiveInt("duration", 15)),
        interleavePulls,
        a.positiveInt("pull-rounds", 5),
        Duration.ofSeconds(a.intAtLeast("pull-warmup", 180, 0)),
        a.string("db-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
        a.string("db-user", "postgres"),
        a.flag("keep"),
        a.all("server-jvm-opt"),
        withDefaultRequestSizeLimit(a.all("server-arg")),
        fhirPath.endsWith("/") ? fhirPath.substring(0, fhirPath.length() - 1) : fhirPath,
        Duration.ofSeconds(a.positiveInt("ready-timeout", 300)),
        Duration.ofSeconds(a.positiveInt("load-timeout", 1800)),
        Path.of(a.string("work-dir", defaultWorkDirectory)),
        a.optional("report").map(Path::of),
        a.string("command", "bench " + String.join(" ", args)));
  }

  /** Adds the larger body limit unless the user set one (Spring would join two values). */
  static List<String> withDefaultRequestSizeLimit(List<String> serverArguments) {
    if (serverArguments.stream().anyMatch(arg -> arg.startsWith(REQUEST_SIZE_PROPERTY))) {
      return serverArguments;
    }
    List<String> withLimit = new ArrayList<>(serverArguments);
    withLimit.add(BENCH_REQUEST_SIZE_LIMIT);
    return List.copyOf(withLimit);
  }

  BenchOptions withServerJar(Path jar) {
    return new BenchOptions(
        corpus,
        corpusLabel,
        jar,
        modes,
        repeat,
        ingestConcurrency,
        pullConcurrency,
        warmUp,
        window,
        interleavePulls,
        pullRounds,
        pullWarmUp,
        adminJdbcUrl,
        databaseUser,
        keepDatabases,
        serverJvmOptions,
        serverArguments,
        fhirPath,
        readyTimeout,
        loadTimeout,
        workDirectory,
        reportFile,
        command);
  }
}
