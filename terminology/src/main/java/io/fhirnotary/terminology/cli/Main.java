package io.fhirnotary.terminology.cli;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.bundled.BundledTerminology;
import io.fhirnotary.terminology.load.FhirTerminologyReader;
import io.fhirnotary.terminology.load.RrfReadSummary;
import io.fhirnotary.terminology.load.RxNormRelease;
import io.fhirnotary.terminology.load.RxNormRrfReader;
import io.fhirnotary.terminology.load.TerminologyResources;
import io.fhirnotary.terminology.upload.HttpTerminologyServer;
import io.fhirnotary.terminology.upload.TerminologyUploader;
import io.fhirnotary.terminology.upload.UploadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The terminology loader's command line (scripts/load-terminology).
 *
 * <p>Progress goes to standard error, the summary to standard output. Exit status: 0 when
 * everything was stored, 1 when reading or uploading failed, 2 for a command line it cannot use.
 */
public final class Main {

	static final int OK = 0;
	static final int FAILED = 1;
	static final int USAGE = 2;

	/** One request may take long: HAPI stores an uploaded release before it answers. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(60);
	private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
	/** HAPI's background storage runs every 5 s; three rounds before the first look-up. */
	private static final Duration DELTA_GRACE = Duration.ofSeconds(15);

	private final PrintStream out;
	private final PrintStream err;

	Main(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.exit(new Main(System.out, System.err).run(args));
	}

	int run(String[] args) {
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		} catch (UsageException e) {
			err.println(e.getMessage());
			err.print(LoadOptions.USAGE);
			return USAGE;
		}
		long started = System.nanoTime();
		try {
			List<UploadResult> results = load(options);
			out.printf("loaded into %s in %.1f s:%n", options.server(), (System.nanoTime() - started) / 1e9);
			results.forEach(result -> out.println("  " + result));
			return OK;
		} catch (IOException | RuntimeException e) {
			err.println("load failed: " + e.getMessage());
			return FAILED;
		}
	}

	private List<UploadResult> load(LoadOptions options) throws IOException {
		FhirContext fhirContext = FhirContext.forR4();
		HttpTerminologyServer server = new HttpTerminologyServer(
				options.server(), options.token(), options.maxRequestBytes(), REQUEST_TIMEOUT, fhirContext);
		TerminologyUploader uploader = new TerminologyUploader(
				server, fhirContext, options.maxRequestBytes(), options.verifyTimeout(), POLL_INTERVAL, DELTA_GRACE, err::println);
		if (options.rrfFolder() != null) {
			RxNormRelease rxNorm = new RxNormRrfReader((file, rows, done) ->
					err.printf("%s: %,d rows read%s%n", file, rows, done ? " (done)" : "")).read(options.rrfFolder(), options.version());
			describe(rxNorm.summary());
			return List.of(uploader.uploadRelease(rxNorm.release()));
		}
		if (options.bundled()) {
			return uploader.seedBundled(BundledTerminology.load(fhirContext));
		}
		TerminologyResources resources = new FhirTerminologyReader(fhirContext).read(options.fhirFiles());
		if (resources.isEmpty()) {
			throw new IOException("the files hold no CodeSystem or ValueSet");
		}
		err.printf("read %d code system(s) and %d value set(s)%n", resources.codeSystems().size(), resources.valueSets().size());
		return uploader.uploadResources(resources);
	}

	private void describe(RrfReadSummary summary) {
		err.printf("RXNCONSO: %,d rows, %,d RXNORM atoms kept, %,d other-source rows and %,d suppressed or obsolete rows skipped%n",
				summary.atomRows(), summary.atomsKept(), summary.atomsFromOtherSources(), summary.atomsSuppressed());
		err.printf("RXNREL: %,d rows, %,d has_ingredient properties%n", summary.relationRows(), summary.ingredientLinks());
		if (summary.malformedRows() > 0) {
			err.printf("skipped %,d malformed rows%n", summary.malformedRows());
		}
	}
}
