package io.fhirnotary.server.notary;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.IMetaTagSorter;
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

	private final FhirContext fhirContext;
	private final IMetaTagSorter metaTagSorter;

	VersionJson(FhirContext fhirContext, IMetaTagSorter metaTagSorter) {
		this.fhirContext = fhirContext;
		this.metaTagSorter = metaTagSorter;
	}

	String of(IBaseResource resource) {
		IBaseResource shown = resource;
		if (resource instanceof Resource r4 && hasMetaLists(r4.getMeta())) {
			Resource copy = r4.copy();
			metaTagSorter.sort(copy.getMeta());
			shown = copy;
		}
		return fhirContext.newJsonParser().encodeResourceToString(shown);
	}

	private static boolean hasMetaLists(Meta meta) {
		return meta.getTag().size() > 1 || meta.getSecurity().size() > 1 || meta.getProfile().size() > 1;
	}
}
