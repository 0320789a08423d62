package io.fhirnotary.server.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import io.fhirnotary.server.blindindex.BlindStorageHooks;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores AuditEvents through HAPI's DAO like any other resource (so they are searchable, and later
 * encrypted and notarised like the rest), as the server itself: internal requests are neither
 * judged by the write rules nor audited again.
 */
final class AuditEventWriter {

	private final IFhirResourceDao<AuditEvent> auditEvents;
	private final AuditReferencePreResolver references;
	private final TransactionTemplate transactions;

	AuditEventWriter(
			IFhirResourceDao<AuditEvent> auditEvents, AuditReferencePreResolver references, TransactionTemplate transactions) {
		this.auditEvents = auditEvents;
		this.references = references;
		this.transactions = transactions;
	}

	/** Stores the events in a transaction of their own (reads, refusals). */
	void store(List<AuditEvent> events) {
		store(events, new TransactionDetails());
	}

	/**
	 * Stores the events in the caller's transaction when there is one, else in a transaction of
	 * their own. {@code writeTransaction} is the HAPI transaction whose writes the events record:
	 * it already knows the database ids of everything it wrote, so the events' references to
	 * those resources resolve without one query each (a Synthea bundle names hundreds).
	 */
	void store(List<AuditEvent> events, TransactionDetails writeTransaction) {
		if (events.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			SystemRequestDetails server = new SystemRequestDetails();
			references.resolveInto(events, writeTransaction);
			for (AuditEvent event : events) {
				// built from ResourceRefs (AuditEventParts): every reference is Type/id[/_history/v]
				BlindStorageHooks.holdsNoMatchUrls(event);
				auditEvents.create(event, null, true, server, writeTransaction);
			}
		});
	}
}
