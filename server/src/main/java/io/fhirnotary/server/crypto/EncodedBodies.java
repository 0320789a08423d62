package io.fhirnotary.server.crypto;

import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The JSON body the encryption hook encoded for a version, left on the resource object for the
 * hooks that run after it at the same pre-commit point (the notary's content hash), so a version
 * is encoded once rather than once per hook. Keyed by version: a resource object HAPI announces
 * again for a later version never hands out the earlier body.
 */
public final class EncodedBodies {

	private static final String KEY = EncodedBodies.class.getName();

	private record Encoded(String versionId, String json, String compartment) {}

	private EncodedBodies() {}

	public static void remember(IBaseResource resource, String versionId, String json, String compartment) {
		resource.setUserData(KEY, new Encoded(versionId, json, compartment));
	}

	/**
	 * The body encoded for this version: the resource's JSON without the meta fields HAPI keeps in
	 * its own tables (tags, security labels, profiles, version id, last updated, source).
	 */
	public static Optional<String> of(IBaseResource resource, String versionId) {
		return encoded(resource, versionId).map(Encoded::json);
	}

	/** The compartment whose key encrypted this version's body ({@link BodyCompartment}). */
	static Optional<String> compartmentOf(IBaseResource resource, String versionId) {
		return encoded(resource, versionId).map(Encoded::compartment);
	}

	private static Optional<Encoded> encoded(IBaseResource resource, String versionId) {
		return resource.getUserData(KEY) instanceof Encoded encoded && Objects.equals(encoded.versionId(), versionId)
				? Optional.of(encoded)
				: Optional.empty();
	}
}
