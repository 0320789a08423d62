package io.fhirnotary.server.crypto;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;

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
		if (resource instanceof DomainResource domain) {
			return encodeWithBodyMeta(domain);
		}
		IParser parser = fhirContext.newJsonParser();
		parser.setDontEncodeElements(KEPT_BY_HAPI);
		return parser.encodeResourceToString(resource);
	}

	/**
	 * The same body as the {@link #KEPT_BY_HAPI} filter gives, less its empty {@code "meta":{}}:
	 * for the encoding only, the resource's meta is swapped for one holding just what the body
	 * keeps (its id and extensions), and its id for the versionless one (HAPI's parser writes a
	 * versioned id's version as {@code meta.versionId}). HAPI's parser checks every element's path
	 * against each filter pattern, which made up a third of encoding a Synthea bundle's resources
	 * (measured on every resource of the p10-s42 corpus, with identical output otherwise). The
	 * filter leaves contained resources' metas alone, and so does this.
	 */
	private String encodeWithBodyMeta(DomainResource resource) {
		Meta wholeMeta = resource.hasMeta() ? resource.getMeta() : null;
		IdType wholeId = resource.getIdElement();
		Meta kept = null;
		if (wholeMeta != null) {
			kept = new Meta();
			kept.setId(wholeMeta.getId());
			kept.setExtension(wholeMeta.getExtension());
		}
		resource.setMeta(kept == null || kept.isEmpty() ? null : kept);
		if (wholeId != null && wholeId.hasVersionIdPart()) {
			resource.setIdElement(wholeId.toVersionless());
		}
		try {
			return fhirContext.newJsonParser().encodeResourceToString(resource);
		} finally {
			resource.setMeta(wholeMeta);
			resource.setIdElement(wholeId);
		}
	}

	IBaseResource decode(String resourceType, byte[] json) {
		Class<? extends IBaseResource> type = fhirContext.getResourceDefinition(resourceType).getImplementingClass();
		return fhirContext.newJsonParser().parseResource(type, new String(json, StandardCharsets.UTF_8));
	}
}
