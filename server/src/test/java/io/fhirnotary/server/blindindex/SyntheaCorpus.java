package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The Synthea test corpus the corpus module generates (seed 42) and its loading order: the
 * hospital and practitioner batches first, then every patient's transaction bundle.
 */
final class SyntheaCorpus {

	static final Path DIRECTORY = Path.of("..", "corpus", "target", "synthea-test", "fhir");

	private SyntheaCorpus() {}

	static List<Path> sharedBundles() {
		return files().stream().filter(SyntheaCorpus::isShared)
				.sorted(Comparator.comparing(f -> f.getFileName().toString().startsWith("practitioner") ? 1 : 0))
				.toList();
	}

	static List<Path> patientBundles() {
		return files().stream().filter(f -> !isShared(f)).toList();
	}

	static List<Bundle> parsedPatientBundles(FhirContext fhir) {
		return patientBundles().stream().map(f -> fhir.newJsonParser().parseResource(Bundle.class, read(f))).toList();
	}

	/** Loads everything, in order, through {@code client}. */
	static void load(IGenericClient client) {
		for (Path file : sharedBundles()) {
			client.transaction().withBundle(read(file)).execute();
		}
		for (Path file : patientBundles()) {
			client.transaction().withBundle(read(file)).execute();
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static boolean isShared(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith("hospitalInformation") || name.startsWith("practitionerInformation");
	}

	private static List<Path> files() {
		if (!Files.isDirectory(DIRECTORY)) {
			throw new IllegalStateException("Synthea test corpus missing at " + DIRECTORY.toAbsolutePath()
					+ ": the corpus module generates it during the build; run the tests from the project root");
		}
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
