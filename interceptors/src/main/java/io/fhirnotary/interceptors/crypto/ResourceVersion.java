package io.fhirnotary.interceptors.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The place a resource body belongs to: type, logical id, version id. Its
 * {@link #associatedData() associated data} binds a body's ciphertext to that place, so a
 * ciphertext copied to another resource or another version fails to decrypt.
 */
public record ResourceVersion(String resourceType, String logicalId, long versionId) {

	private static final String CONTEXT = "fhir-notary/body/v1";

	public ResourceVersion {
		Objects.requireNonNull(resourceType, "resourceType");
		Objects.requireNonNull(logicalId, "logicalId");
		if (resourceType.isEmpty() || logicalId.isEmpty() || versionId < 1) {
			throw new IllegalArgumentException("A resource version needs a type, an id and a version >= 1");
		}
	}

	/** {@code fhir-notary/body/v1 NUL type NUL id NUL version}; FHIR types and ids never hold NUL. */
	public byte[] associatedData() {
		return (CONTEXT + '\0' + resourceType + '\0' + logicalId + '\0' + versionId).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return resourceType + "/" + logicalId + "/_history/" + versionId;
	}
}
