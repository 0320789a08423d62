package io.fhirnotary.terminology.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The RxNorm codes of the FHIR R4 specification's example resources, which the integration tests
 * store as valid prescriptions, read from {@code generate/fhir-r4-examples-rxnorm.tsv} (code, tab,
 * display as the examples write it), and merged into Synthea's usages so the bundled subset holds
 * both.
 */
final class SpecExampleRxNormUsage {

	static final String RESOURCE = "/generate/fhir-r4-examples-rxnorm.tsv";
	static final String SOURCE = "hl7.fhir.r4.examples 4.0.1";

	private SpecExampleRxNormUsage() {}

	static SortedMap<String, SyntheaRxNormUsage.Usage> read() throws IOException {
		SortedMap<String, SyntheaRxNormUsage.Usage> usages = new TreeMap<>();
		try (InputStream in = SpecExampleRxNormUsage.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IOException(RESOURCE + " is missing from the test classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] fields = line.split("\t", -1);
				if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
					throw new IOException(RESOURCE + ": expected code<TAB>display, got: " + line);
				}
				usages.put(fields[0].strip(), new SyntheaRxNormUsage.Usage(fields[0].strip(),
						Map.of(fields[1].strip(), 1), Collections.unmodifiableSortedSet(new TreeSet<>(java.util.Set.of(SOURCE)))));
			}
		}
		return usages;
	}

	/**
	 * Synthea's usages plus the examples': a code both use keeps Synthea's displays and counts and
	 * gains the examples as a source; a code only the examples use is added as they write it.
	 */
	static SortedMap<String, SyntheaRxNormUsage.Usage> merge(
			SortedMap<String, SyntheaRxNormUsage.Usage> synthea, SortedMap<String, SyntheaRxNormUsage.Usage> examples) {
		SortedMap<String, SyntheaRxNormUsage.Usage> merged = new TreeMap<>(synthea);
		examples.forEach((code, usage) -> merged.merge(code, usage, (fromSynthea, fromExamples) -> {
			SortedSet<String> sources = new TreeSet<>(fromSynthea.sources());
			sources.addAll(fromExamples.sources());
			return new SyntheaRxNormUsage.Usage(code, fromSynthea.displayCounts(), Collections.unmodifiableSortedSet(sources));
		}));
		return Collections.unmodifiableSortedMap(merged);
	}
}
