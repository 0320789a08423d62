package io.fhirnotary.server.audit;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.dao.JpaDaoResourceLinkResolver;
import ca.uhn.fhir.jpa.searchparam.extractor.PathAndRef;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.annotation.Nonnull;

/**
 * Resolves the references an AuditEvent holds without referential integrity. An AuditEvent is a
 * record of what happened: it names resources a refused write never created, the resource a
 * delete just removed, callers ({@code Practitioner/…} from a token) the server has never stored.
 * Refusing to store such a record would lose the audit trail exactly when it matters, so a
 * reference that does not resolve is kept in the AuditEvent's body but gets no search index
 * link. Every other resource type keeps HAPI's checks unchanged.
 *
 * <p>Replaces HAPI's own resolver bean (same name, see {@link AuditConfig}): HAPI injects it by
 * its concrete class, so it cannot be wrapped, only extended.
 */
public class AuditEventReferenceResolver extends JpaDaoResourceLinkResolver {

	private static final String AUDIT_EVENT = "AuditEvent";

	@Override
	public IResourceLookup findTargetResource(
			@Nonnull RequestPartitionId partition,
			String sourceResourceName,
			PathAndRef pathAndRef,
			RequestDetails request,
			TransactionDetails transactionDetails) {
		if (!AUDIT_EVENT.equals(sourceResourceName)) {
			return super.findTargetResource(partition, sourceResourceName, pathAndRef, request, transactionDetails);
		}
		try {
			return super.findTargetResource(partition, sourceResourceName, pathAndRef, request, transactionDetails);
		} catch (BaseServerResponseException unresolvable) {
			return null;
		}
	}
}
