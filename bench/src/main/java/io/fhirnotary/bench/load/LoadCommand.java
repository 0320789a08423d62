package io.fhirnotary.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirnotary.bench.cli.Arguments;
import io.fhirnotary.bench.cli.UsageException;
import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code load --server URL --dir DIR [--concurrency N] [--token TOKEN]}: posts a Synthea corpus.
 * Exit status 0 when every bundle was stored, 1 when any failed, 2 for a bad command line.
 */
public final class LoadCommand {

  static final String USAGE =
      """
      usage: load --server URL --dir DIR [options]

        --server URL            FHIR base, e.g. http://localhost:8080/fhir
        --dir DIR               folder with the Synthea bundles (*.json)
        --concurrency N         patient bundles in flight at once (default 2)
        --token TOKEN           bearer token sent with every request
        --timeout SECONDS       per bundle (default 1800; large records take minutes)
        --progress-every SECONDS  progress line interval when not on a terminal (default 10)
      """;

  private final PrintStream out;
  private final PrintStream err;

  public LoadCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> args) {
    if (args.contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    LoadOptions options;
    try {
      options = LoadOptions.from(args);
    } catch (UsageException e) {
      err.println("load: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      boolean interactive = System.console() != null;
      LoadSummary summary =
          run(options, ProgressDisplay.forConsole(err, interactive, options.progressInterval()));
      out.print(LoadSummaryFormatter.format(summary));
      return summary.complete() ? 0 : 1;
    } catch (IOException e) {
      err.println("load: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("load: interrupted");
      return 130;
    }
  }

  LoadSummary run(LoadOptions options, ProgressDisplay display)
      throws IOException, InterruptedException {
    LoadPlan plan = LoadPlan.of(new CorpusScanner(new BundleEntryCounter()).scan(options.dir()));
    if (plan.count(BundleKind.PATIENT) == 0) {
      err.println("load: warning: no patient bundles in " + options.dir());
    }
    out.println(describe(plan, options));
    FhirEndpoint endpoint = FhirEndpoint.create(options.server(), options.token());
    BundleUploader uploader =
        new BundleUploader(
            endpoint, options.timeout(), new BundleResponseReader(new ObjectMapper()));
    return new CorpusLoader(uploader, display).load(plan, options.concurrency());
  }

  static String describe(LoadPlan plan, LoadOptions options) {
    return String.format(
        Locale.ROOT,
        "Posting %d bundles (%d hospital, %d practitioner, %d patient; %s resources, %s) to %s"
            + " with %d worker%s",
        plan.bundleCount(),
        plan.count(BundleKind.HOSPITAL),
        plan.count(BundleKind.PRACTITIONER),
        plan.count(BundleKind.PATIENT),
        TextFormats.count(plan.entryCount()),
        TextFormats.bytes(plan.sizeBytes()),
        options.server(),
        options.concurrency(),
        options.concurrency() == 1 ? "" : "s");
  }

  /** The parsed command line of {@code load}. */
  record LoadOptions(
      String server,
      Path dir,
      int concurrency,
      Optional<String> token,
      Duration timeout,
      Duration progressInterval) {

    static final Set<String> VALUED =
        Set.of("server", "dir", "concurrency", "token", "timeout", "progress-every");

    static LoadOptions from(List<String> args) throws UsageException {
      Arguments a = Arguments.parse(args, VALUED, Set.of());
      return new LoadOptions(
          a.required("server"),
          Path.of(a.required("dir")),
          a.positiveInt("concurrency", 2),
          a.optional("token"),
          Duration.ofSeconds(a.positiveInt("timeout", 1800)),
          Duration.ofSeconds(a.positiveInt("progress-every", 10)));
    }
  }
}
