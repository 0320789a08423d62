package io.fhirnotary.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Looks up, in one query, the database ids of everything a batch of AuditEvents refers to, and
 * tells HAPI's indexing through the batch's {@link TransactionDetails}. Without it HAPI resolves
 * each reference of each event with its own query (two when the target is missing: live, then
 * deleted), and a pharmacy's search produces two events naming the same patient, prescriptions,
 * Consent and client: most of the audit writer's time went there.
 *
 * <p>Targets that are missing or deleted are recorded as such, which HAPI's resolver then reports
 * at once and {@link AuditEventReferenceResolver} turns into "no index link", exactly as when it
 * looked them up itself. Must run inside the transaction that stores the events.
 */
final class AuditReferencePreResolver {

	// Relative literal references, with or without a version: anything else (identifier-only,
	// absolute, urn:) HAPI does not look up in the database either. Most references of an event
	// carry the version shown or written (Type/id/_history/v); HAPI resolves those by their
	// versionless id, so they are looked up here under it.
	private static final Pattern RELATIVE_REFERENCE =
			Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}(/_history/[A-Za-z0-9\\-.]{1,64})?");

	private final IIdHelperService<JpaPid> ids;
	private final FhirTerser terser;

	AuditReferencePreResolver(IIdHelperService<JpaPid> ids, FhirContext fhirContext) {
		this.ids = ids;
		this.terser = fhirContext.newTerser();
	}

	void resolveInto(List<AuditEvent> events, TransactionDetails transaction) {
		Map<String, IIdType> wanted = new LinkedHashMap<>();
		for (AuditEvent event : events) {
			for (Reference reference : terser.getAllPopulatedChildElementsOfType(event, Reference.class)) {
				String value = reference.getReference();
				if (value != null && RELATIVE_REFERENCE.matcher(value).matches()) {
					IdType id = new IdType(value).toVersionless();
					if (!transaction.hasResolvedResourceId(id)) {
						wanted.putIfAbsent(id.getValue(), id);
					}
				}
			}
		}
		if (wanted.isEmpty()) {
			return;
		}
		Map<IIdType, IResourceLookup<JpaPid>> found = ids.resolveResourceIdentities(
				RequestPartitionId.allPartitions(),
				List.copyOf(wanted.values()),
				ResolveIdentityMode.excludeDeleted().noCacheUnlessDeletesDisabled());
		Map<String, JpaPid> byReference = new LinkedHashMap<>();
		for (Map.Entry<IIdType, IResourceLookup<JpaPid>> next : found.entrySet()) {
			IResourceLookup<JpaPid> lookup = next.getValue();
			if (lookup != null && lookup.getDeleted() == null && lookup.getPersistentId() != null) {
				byReference.put(next.getKey().toUnqualifiedVersionless().getValue(), lookup.getPersistentId());
			}
		}
		record(wanted.values(), byReference, transaction);
	}

	private static void record(Collection<IIdType> wanted, Map<String, JpaPid> byReference, TransactionDetails transaction) {
		for (IIdType id : wanted) {
			JpaPid pid = byReference.get(id.toUnqualifiedVersionless().getValue());
			transaction.addResolvedResourceId(id, pid);
		}
	}
}
