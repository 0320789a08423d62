package io.fhirnotary.server.notary;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.IMetaTagSorter;
import io.fhirnotary.server.crypto.EncodedBodies;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * The JSON a {@code vread} of a version returns, produced from the resource object HAPI holds when
 * it commits the version (the leaf's content hash is over exactly this, docs/NOTARY.md §2).
 *
 * <p>At {@code STORAGE_PRECOMMIT_*} HAPI has already put {@code meta.versionId},
 * {@code meta.lastUpdated} and {@code meta.source} on the object; what a read adds on top is the
 * order of tags, security labels and profiles, which HAPI sorts on every read
 * ({@link IMetaTagSorter}). So the same sort is applied here, on a copy: the object itself goes on
 * to the client and to the other hooks untouched. That the two agree is proven by
 * {@code NotaryCaptureIntegrationTests}, which vreads every captured version and recomputes.
 */
final class VersionJson {

	private static final String META_KEY = "\"meta\"";
	private static final String EMPTY_META = META_KEY + ":{}";

	private final FhirContext fhirContext;
	private final IMetaTagSorter metaTagSorter;

	VersionJson(FhirContext fhirContext, IMetaTagSorter metaTagSorter) {
		this.fhirContext = fhirContext;
		this.metaTagSorter = metaTagSorter;
	}

	String of(IBaseResource resource) {
		Optional<String> body = EncodedBodies.of(resource, resource.getIdElement().getVersionIdPart());
		if (body.isPresent() && resource instanceof Resource r4) {
			Optional<String> whole = withMeta(body.get(), r4.getMeta());
			if (whole.isPresent()) {
				return whole.get();
			}
		}
		IBaseResource shown = resource;
		if (resource instanceof Resource r4 && hasMetaLists(r4.getMeta())) {
			Resource copy = r4.copy();
			metaTagSorter.sort(copy.getMeta());
			shown = copy;
		}
		return fhirContext.newJsonParser().encodeResourceToString(shown);
	}

	/**
	 * The encrypted body (everything but the meta fields HAPI keeps in its own tables) with the
	 * version's meta put back: the members a vread returns, perhaps in another order, which the
	 * content hash's canonical form (RFC 8785) does not see. Saves encoding the whole version a
	 * second time. The body holds no meta, or {@code "meta":{}} with every member left out
	 * (resources with contained ones, bodies stored before {@code BodyCodec} swapped metas); when
	 * {@code "meta"} appears anywhere else in it (a contained resource's, a value), empty: the
	 * caller encodes the whole version instead.
	 */
	private Optional<String> withMeta(String body, Meta meta) {
		int first = body.indexOf(META_KEY);
		if (first >= 0 && (body.indexOf(META_KEY, first + 1) >= 0 || !body.startsWith(EMPTY_META, first))) {
			return Optional.empty();
		}
		if (meta == null || meta.isEmpty()) {
			return first < 0 ? Optional.of(body) : Optional.empty();
		}
		Meta shown = meta;
		if (hasMetaLists(meta)) {
			shown = meta.copy();
			metaTagSorter.sort(shown);
		}
		String metaMember = META_KEY + ":" + fhirContext.newJsonParser().encodeToString(shown);
		if (first >= 0) {
			return Optional.of(body.substring(0, first) + metaMember + body.substring(first + EMPTY_META.length()));
		}
		return body.startsWith("{") ? Optional.of("{" + metaMember + "," + body.substring(1)) : Optional.empty();
	}

	private static boolean hasMetaLists(Meta meta) {
		return meta.getTag().size() > 1 || meta.getSecurity().size() > 1 || meta.getProfile().size() > 1;
	}
}
