package io.fhirnotary.server.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.interceptors.audit.AuditedResource;
import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one REST request did to which resources, gathered while HAPI works and turned into
 * AuditEvents: resources written (audited in the write's own transaction, see
 * {@link AuditStorageHooks}), resources shown, and every consent decision taken for the request,
 * permits and denials (audited when the request completes, see {@link AuditServerHooks}). Lives in
 * the request's user data; one request is served by one thread, so no locking.
 */
public final class RequestAuditTrail {

	private static final String USER_DATA_KEY = RequestAuditTrail.class.getName();

	private final Map<String, AuditedResource> seen = new LinkedHashMap<>();
	private final List<AuditedResource> uncommittedWrites = new ArrayList<>();
	private final Set<ResourceRef> auditedWrites = new HashSet<>();
	private final List<AuditedResource> failedWrites = new ArrayList<>();
	private boolean synchronizationRegistered;

	/** The trail of {@code request}, created on first use. */
	public static RequestAuditTrail of(RequestDetails request) {
		Object existing = request.getUserData().get(USER_DATA_KEY);
		if (existing instanceof RequestAuditTrail trail) {
			return trail;
		}
		RequestAuditTrail trail = new RequestAuditTrail();
		request.getUserData().put(USER_DATA_KEY, trail);
		return trail;
	}

	/**
	 * Records a consent decision about one resource for this request's audit trail: called by the
	 * consent adapter for every resource it judges, shown or hidden. A denial recorded for a
	 * resource is kept even if a later look at it permits.
	 */
	public static void recordDecision(
			RequestDetails request, ResourceRef resource, String version, ResourceRef patient, ConsentDecision decision) {
		if (request == null || resource == null || decision == null) {
			return;
		}
		of(request).see(resource, version, patient, decision);
	}

	/**
	 * A resource the response shows. {@code patient} is asked only when no consent decision for
	 * this version already named the patient: working out a resource's compartment walks its
	 * references, and consent has done that for every resource a judged caller is shown.
	 */
	void shown(ResourceRef resource, String version, Supplier<ResourceRef> patient) {
		AuditedResource known = seen.get(key(resource, version));
		boolean patientKnown = known != null && known.patient() != null;
		see(resource, version, patientKnown ? null : patient.get(), null);
	}

	private static String key(ResourceRef resource, String version) {
		return resource + "/" + (version == null ? "" : version);
	}

	private void see(ResourceRef resource, String version, ResourceRef patient, ConsentDecision decision) {
		String key = key(resource, version);
		AuditedResource known = seen.get(key);
		AuditedResource entry = known != null ? known : AuditedResource.of(resource).withVersion(version);
		if (entry.patient() == null && patient != null) {
			entry = entry.inCompartmentOf(patient);
		}
		if (decision != null && (entry.decision() == null || !decision.permitted())) {
			entry = entry.decidedBy(decision);
		}
		seen.put(key, entry);
	}

	/** A resource written in the transaction now open. */
	void written(ResourceRef resource, String version, ResourceRef patient) {
		AuditedResource entry = AuditedResource.of(resource).withVersion(version);
		uncommittedWrites.add(patient == null ? entry : entry.inCompartmentOf(patient));
	}

	/** True the first time per transaction: the caller must then hook into the transaction's commit. */
	boolean needsCommitHook() {
		if (synchronizationRegistered) {
			return false;
		}
		synchronizationRegistered = true;
		return true;
	}

	/** The writes of the transaction about to commit; they are audited inside it. */
	List<AuditedResource> takeUncommittedWrites() {
		List<AuditedResource> writes = List.copyOf(uncommittedWrites);
		uncommittedWrites.clear();
		writes.forEach(write -> auditedWrites.add(write.resource()));
		return writes;
	}

	/** The transaction ended; its writes either committed with their AuditEvents or rolled back. */
	void transactionEnded(boolean committed, List<AuditedResource> auditedInIt) {
		synchronizationRegistered = false;
		if (!committed) {
			auditedInIt.forEach(write -> auditedWrites.remove(write.resource()));
			failedWrites.addAll(auditedInIt);
			failedWrites.addAll(uncommittedWrites);
			uncommittedWrites.clear();
		}
	}

	/**
	 * What the end-of-request audit must still cover: everything seen or decided that was not
	 * already audited as a committed write, and attempted writes that did not commit.
	 */
	List<AuditedResource> notYetAudited() {
		List<AuditedResource> pending = new ArrayList<>(failedWrites);
		for (AuditedResource resource : seen.values()) {
			if (!auditedWrites.contains(resource.resource()) || resource.decision() != null) {
				pending.add(resource);
			}
		}
		return pending;
	}

	/** True when the request's writes were audited in their own transactions. */
	boolean hasAuditedWrites() {
		return !auditedWrites.isEmpty();
	}
}
