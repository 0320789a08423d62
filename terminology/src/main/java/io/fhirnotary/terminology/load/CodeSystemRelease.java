package io.fhirnotary.terminology.load;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A code system release read from a user's files, independent of how it will be uploaded.
 *
 * @param url the code system's canonical URL
 * @param version the release's version
 * @param idBase the start of the resource id each version is stored under ("rxnorm")
 * @param name computer-friendly name, or null
 * @param title human-friendly title, or null
 * @param properties the properties concepts may carry
 * @param concepts every concept, parents before their children
 */
public record CodeSystemRelease(
		String url,
		String version,
		String idBase,
		String name,
		String title,
		List<PropertyDeclaration> properties,
		List<LoadedConcept> concepts) {

	/** FHIR ids are at most 64 of these characters. */
	private static final int MAX_ID_LENGTH = 64;

	public CodeSystemRelease {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(version, "a release needs a version: each version is stored as its own resource");
		Objects.requireNonNull(idBase, "idBase");
		properties = List.copyOf(properties);
		concepts = List.copyOf(concepts);
	}

	/**
	 * The id of the CodeSystem resource this version is stored under, e.g. {@code rxnorm-01062025}:
	 * one resource per version, the way HAPI keeps several versions of one code system.
	 */
	public String resourceId() {
		String id = (idBase + "-" + version).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
		return id.length() <= MAX_ID_LENGTH ? id : id.substring(0, MAX_ID_LENGTH);
	}

	/** Whether any concept has a parent, i.e. the release carries a hierarchy. */
	public boolean isHierarchical() {
		return concepts.stream().anyMatch(concept -> !concept.parentCodes().isEmpty());
	}
}
