package io.fhirnotary.bench;

import io.fhirnotary.bench.benchmark.BenchCommand;
import io.fhirnotary.bench.load.LoadCommand;
import io.fhirnotary.bench.validation.ValidationCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar fhir-notary-bench.jar load|bench|validation [options]}. */
public final class Main {

  static final String USAGE =
      """
      usage: java -jar fhir-notary-bench.jar <command> [options]

        load    post a Synthea corpus to a FHIR server (hospitals, practitioners, then patients)
        bench   measure ingest and pharmacy-pull performance of the server (see bench/run)
        validation
                measure what validation on write costs: MedicationRequest creates and
                $validate-code, plain vs protected mode (see bench/validation)

      Run a command with --help for its options.
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.print(USAGE);
      return 2;
    }
    if (args.get(0).equals("--help") || args.get(0).equals("-h")) {
      out.print(USAGE);
      return 0;
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "load" -> new LoadCommand(out, err).run(rest);
      case "bench" -> new BenchCommand(out, err).run(rest);
      case "validation" -> new ValidationCommand(out, err).run(rest);
      default -> {
        err.println("unknown command: " + args.get(0));
        err.print(USAGE);
        yield 2;
      }
    };
  }
}
