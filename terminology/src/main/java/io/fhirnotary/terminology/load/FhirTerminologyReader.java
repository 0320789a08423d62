package io.fhirnotary.terminology.load;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Reads FHIR R4 JSON files that hold a CodeSystem, a ValueSet, or a Bundle of them.
 *
 * <p>Strict on purpose: any other resource type, a Bundle entry without a resource, or a code
 * system or value set without a url fails the whole read with the file and entry named, before
 * anything has been sent to a server. Half-loading a package is harder to undo than fixing it.
 */
public final class FhirTerminologyReader {

	private final FhirContext fhirContext;

	public FhirTerminologyReader(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/**
	 * @throws IOException if a file cannot be read or is not valid FHIR JSON
	 * @throws IllegalArgumentException if a file holds something other than code systems and value sets
	 */
	public TerminologyResources read(List<Path> files) throws IOException {
		List<CodeSystem> codeSystems = new ArrayList<>();
		List<ValueSet> valueSets = new ArrayList<>();
		for (Path file : files) {
			IBaseResource resource = parse(file);
			if (resource instanceof Bundle bundle) {
				int index = 0;
				for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
					collect(entry.getResource(), file + " entry " + index++, codeSystems, valueSets);
				}
			} else {
				collect(resource, file.toString(), codeSystems, valueSets);
			}
		}
		return new TerminologyResources(codeSystems, valueSets);
	}

	private IBaseResource parse(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return fhirContext.newJsonParser().parseResource(reader);
		} catch (DataFormatException e) {
			throw new IOException(file + " is not a FHIR R4 JSON resource: " + e.getMessage(), e);
		}
	}

	private static void collect(IBaseResource resource, String where, List<CodeSystem> codeSystems, List<ValueSet> valueSets) {
		if (resource instanceof CodeSystem codeSystem) {
			requireUrl(codeSystem.getUrl(), where, "CodeSystem");
			codeSystems.add(codeSystem);
		} else if (resource instanceof ValueSet valueSet) {
			requireUrl(valueSet.getUrl(), where, "ValueSet");
			valueSets.add(valueSet);
		} else {
			String type = resource == null ? "nothing" : "a " + resource.fhirType();
			throw new IllegalArgumentException(where + " holds " + type + "; only CodeSystem and ValueSet resources are loaded");
		}
	}

	/** The loader updates resources by url, so a resource without one could not be found again. */
	private static void requireUrl(String url, String where, String type) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException(where + ": a " + type + " without a url cannot be loaded idempotently");
		}
	}
}
