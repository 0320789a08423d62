package io.fhirnotary.server.crypto;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The plaintext that gets encrypted: the resource's JSON without the meta fields HAPI keeps (and
 * re-applies) from its own columns — tags, security labels and profiles ({@code HFJ_RES_TAG}),
 * version id and last-updated (the entity), source ({@code HFJ_RES_VER.SOURCE_URI}). Stale copies
 * of those inside the body would come back after {@code $meta-delete}.
 */
final class BodyCodec {

	private static final Set<String> KEPT_BY_HAPI = Set.of(
			"*.meta.tag", "*.meta.security", "*.meta.profile", "*.meta.versionId", "*.meta.lastUpdated", "*.meta.source");

	private final FhirContext fhirContext;

	BodyCodec(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	String encodeJson(IBaseResource resource) {
		IParser parser = fhirContext.newJsonParser();
		parser.setDontEncodeElements(KEPT_BY_HAPI);
		return parser.encodeResourceToString(resource);
	}

	IBaseResource decode(String resourceType, byte[] json) {
		Class<? extends IBaseResource> type = fhirContext.getResourceDefinition(resourceType).getImplementingClass();
		return fhirContext.newJsonParser().parseResource(type, new String(json, StandardCharsets.UTF_8));
	}
}
