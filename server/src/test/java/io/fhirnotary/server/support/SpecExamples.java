package io.fhirnotary.server.support;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIR R4 specification's own example resources (npm package {@code hl7.fhir.r4.examples}
 * 4.0.1, fetched and checksum-verified by the server module's build, never committed).
 *
 * <p>Examples reference each other ({@code MedicationRequest/medrx0311} needs its patient,
 * prescriber, encounter, ...). The server enforces referential integrity, so
 * {@link #withReferences} gathers an example's whole reference closure into one transaction of
 * PUTs, which stores it in one go whatever the order of the references.
 */
public final class SpecExamples {

	private static final Path PACKAGE = Path.of("target", "fhir-examples", "package");
	private static final Pattern LITERAL_REFERENCE =
			Pattern.compile("\"reference\"\\s*:\\s*\"([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})\"");

	private final FhirContext fhir;

	public SpecExamples(FhirContext fhir) {
		this.fhir = fhir;
		if (!Files.isDirectory(PACKAGE)) {
			throw new IllegalStateException("FHIR spec examples missing at " + PACKAGE.toAbsolutePath()
					+ ": the server module's build (generate-test-resources) downloads them; run the tests through Maven");
		}
	}

	/** One example, parsed, exactly as the specification publishes it. */
	public <T extends Resource> T example(Class<T> type, String id) {
		return fhir.newJsonParser().parseResource(type, json(fhir.getResourceType(type), id));
	}

	/** A transaction that PUTs the example and everything it references, transitively. */
	public Bundle withReferences(String resourceType, String id) {
		Map<String, String> closure = new LinkedHashMap<>();
		Deque<String[]> todo = new ArrayDeque<>();
		todo.push(new String[] {resourceType, id});
		while (!todo.isEmpty()) {
			String[] next = todo.pop();
			String key = next[0] + "/" + next[1];
			if (closure.containsKey(key)) {
				continue;
			}
			String json = json(next[0], next[1]);
			closure.put(key, json);
			Matcher references = LITERAL_REFERENCE.matcher(json);
			while (references.find()) {
				todo.push(new String[] {references.group(1), references.group(2)});
			}
		}
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		closure.forEach((key, json) -> {
			Resource resource = (Resource) fhir.newJsonParser().parseResource(json);
			transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(key);
		});
		return transaction;
	}

	private String json(String resourceType, String id) {
		Path file = PACKAGE.resolve(resourceType + "-" + id + ".json");
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException("No spec example " + resourceType + "/" + id, e);
		}
	}
}
