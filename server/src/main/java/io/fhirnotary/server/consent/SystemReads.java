package io.fhirnotary.server.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads the consent adapter makes for itself, as the server: the resource a request targets,
 * what a Consent's named resource refers to, a dispense's prescriptions, a patient's Consents.
 *
 * <p>Each read runs on a fresh {@link SystemRequestDetails} marked with HAPI's
 * {@link ConsentInterceptor#skipAllConsentForRequest} flag, so it never recurses into the consent
 * adapter and is never judged as the caller it is made for.
 */
final class SystemReads {

	/** What storage holds under a resource id. */
	enum Kind {
		PRESENT,
		DELETED,
		MISSING
	}

	/**
	 * @param kind     present, deleted, or never stored
	 * @param resource the current version when present; when deleted, the last version that was
	 *                 not a deletion (null if there is none); null when missing
	 */
	record Stored(Kind kind, Resource resource) {}

	private final DaoRegistry daos;

	SystemReads(DaoRegistry daos) {
		this.daos = daos;
	}

	/** The current version, or empty when there is none (never stored, deleted, unknown type). */
	Optional<Resource> current(ResourceRef ref) {
		Stored stored = find(ref.type(), ref.id());
		return stored.kind() == Kind.PRESENT ? Optional.of(stored.resource()) : Optional.empty();
	}

	Stored find(String type, String id) {
		if (!daos.isResourceTypeSupported(type)) {
			return new Stored(Kind.MISSING, null);
		}
		IFhirResourceDao<?> dao = daos.getResourceDao(type);
		IBaseResource latest;
		try {
			latest = dao.read(new IdType(type, id), newSystemRequest(), true);
		} catch (ResourceNotFoundException | ResourceGoneException notThere) {
			return new Stored(Kind.MISSING, null);
		}
		if (!isDeletion(latest)) {
			return new Stored(Kind.PRESENT, (Resource) latest);
		}
		return new Stored(Kind.DELETED, lastLiveVersion(dao, type, id, latest).orElse(null));
	}

	/** The patient's Consents in every status; the decision function filters them itself. */
	List<Consent> consentsOf(ResourceRef patient) {
		SearchParameterMap byPatient = SearchParameterMap.newSynchronous()
				.add(Consent.SP_PATIENT, new ReferenceParam(patient.toString()));
		List<Consent> consents = new ArrayList<>();
		for (IBaseResource found : daos.getResourceDao("Consent").search(byPatient, newSystemRequest()).getAllResources()) {
			if (found instanceof Consent consent) {
				consents.add(consent);
			}
		}
		return consents;
	}

	private Optional<Resource> lastLiveVersion(IFhirResourceDao<?> dao, String type, String id, IBaseResource deletion) {
		Long deletedVersion = deletion.getIdElement().getVersionIdPartAsLong();
		if (deletedVersion == null) {
			return Optional.empty();
		}
		for (long version = deletedVersion - 1; version >= 1; version--) {
			try {
				IBaseResource earlier = dao.read(new IdType(type, id, Long.toString(version)), newSystemRequest(), true);
				if (!isDeletion(earlier)) {
					return Optional.of((Resource) earlier);
				}
			} catch (ResourceNotFoundException | ResourceGoneException expunged) {
				// a version can be missing (expunged); older ones may still be there
			}
		}
		return Optional.empty();
	}

	private static boolean isDeletion(IBaseResource resource) {
		IPrimitiveType<Date> deletedAt = ResourceMetadataKeyEnum.DELETED_AT.get(resource);
		return deletedAt != null && deletedAt.getValue() != null;
	}

	private static SystemRequestDetails newSystemRequest() {
		SystemRequestDetails request = new SystemRequestDetails();
		ConsentInterceptor.skipAllConsentForRequest(request);
		return request;
	}
}
