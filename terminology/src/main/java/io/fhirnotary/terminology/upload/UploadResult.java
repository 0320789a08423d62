package io.fhirnotary.terminology.upload;

/**
 * What one upload did, a line of the loader's summary.
 *
 * @param resourceType CodeSystem or ValueSet
 * @param url the canonical URL
 * @param version the version, or null
 * @param action what the server did, in words
 * @param concepts concepts stored, or -1 when not applicable
 */
public record UploadResult(String resourceType, String url, String version, String action, long concepts) {

	@Override
	public String toString() {
		return resourceType + " " + url + (version == null ? "" : "|" + version) + ": " + action
				+ (concepts >= 0 ? " (" + concepts + " concepts)" : "");
	}
}
