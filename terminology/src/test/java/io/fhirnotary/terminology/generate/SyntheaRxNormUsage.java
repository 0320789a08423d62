package io.fhirnotary.terminology.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirnotary.terminology.TerminologyUrls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Every RxNorm coding in a Synthea jar, with the displays Synthea writes for it and where.
 *
 * <p>Looks at two places: every module file ({@code modules/**}{@code /*.json}), where RxNorm
 * codings appear in MedicationOrder and MedicationEnd states, in "Active Medication" and
 * "Active Allergy" conditions, in AllergyOnset states and elsewhere, each as an object with
 * {@code "system": "RxNorm"}; and {@code htn_drugs.csv}, the antihypertensives whose blood
 * pressure effect Synthea models. Module templates and keep-module filters are not modules and
 * are skipped.
 */
final class SyntheaRxNormUsage {

	private static final String HTN_DRUGS = "htn_drugs.csv";

	/** How Synthea uses one code: each display it writes, how often, and in which files. */
	record Usage(String code, Map<String, Integer> displayCounts, SortedSet<String> sources) {}

	private final SortedMap<String, MutableUsage> byCode = new TreeMap<>();

	private SyntheaRxNormUsage() {}

	/** The usages in {@code syntheaJar}, keyed by code. */
	static SortedMap<String, Usage> scan(Path syntheaJar) throws IOException {
		SyntheaRxNormUsage scan = new SyntheaRxNormUsage();
		ObjectMapper json = new ObjectMapper();
		try (ZipFile jar = new ZipFile(syntheaJar.toFile())) {
			for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
				ZipEntry entry = entries.nextElement();
				String name = entry.getName();
				try (InputStream in = jar.getInputStream(entry)) {
					if (name.startsWith("modules/") && name.endsWith(".json")) {
						scan.collectFromModule(json.readTree(in), name);
					} else if (name.equals(HTN_DRUGS)) {
						scan.collectFromHypertensionDrugs(in);
					}
				}
			}
		}
		if (scan.byCode.isEmpty()) {
			throw new IOException(syntheaJar + " holds no RxNorm codings; is it a Synthea jar?");
		}
		SortedMap<String, Usage> usages = new TreeMap<>();
		scan.byCode.forEach((code, usage) -> usages.put(code, usage.freeze(code)));
		return Collections.unmodifiableSortedMap(usages);
	}

	private void collectFromModule(JsonNode node, String file) {
		if (node.isObject()) {
			JsonNode system = node.get("system");
			JsonNode code = node.get("code");
			if (system != null && code != null && isRxNorm(system.asText())) {
				JsonNode display = node.get("display");
				record(code.asText().strip(), display == null ? null : display.asText(), file);
			}
		}
		for (JsonNode child : node) {
			collectFromModule(child, file);
		}
	}

	/** A plain CSV without quoted fields (checked: the file has none); columns by header name. */
	private void collectFromHypertensionDrugs(InputStream in) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String[] header = reader.readLine().split(",", -1);
		int codeColumn = indexOf(header, "RxNorm");
		int displayColumn = indexOf(header, "Display");
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			if (line.isBlank()) {
				continue;
			}
			String[] fields = line.split(",", -1);
			record(fields[codeColumn].strip(), fields[displayColumn].strip(), HTN_DRUGS);
		}
	}

	private void record(String code, String display, String file) {
		MutableUsage usage = byCode.computeIfAbsent(code, c -> new MutableUsage());
		if (display != null && !display.isBlank()) {
			usage.displayCounts.merge(display.strip(), 1, Integer::sum);
		}
		usage.sources.add(file);
	}

	private static boolean isRxNorm(String system) {
		return system.equalsIgnoreCase("RxNorm") || system.equals(TerminologyUrls.RXNORM);
	}

	private static int indexOf(String[] header, String column) throws IOException {
		for (int i = 0; i < header.length; i++) {
			if (header[i].strip().equals(column)) {
				return i;
			}
		}
		throw new IOException(HTN_DRUGS + " has no column " + column);
	}

	private static final class MutableUsage {
		final Map<String, Integer> displayCounts = new TreeMap<>();
		final SortedSet<String> sources = new TreeSet<>();

		Usage freeze(String code) {
			return new Usage(code, Collections.unmodifiableMap(displayCounts), Collections.unmodifiableSortedSet(sources));
		}
	}
}
