package io.fhirnotary.server.audit;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.searchparam.extractor.IResourceLinkResolver;
import ca.uhn.fhir.jpa.searchparam.extractor.PathAndRef;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.annotation.Nonnull;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Resolves the references an AuditEvent holds without referential integrity. An AuditEvent is a
 * record of what happened: it names resources a refused write never created, the resource a
 * delete just removed, callers ({@code Practitioner/…} from a token) the server has never stored.
 * Refusing to store such a record would lose the audit trail exactly when it matters, so a
 * reference that does not resolve is kept in the AuditEvent's body but gets no search index
 * link. Every other resource type keeps HAPI's checks unchanged.
 */
final class AuditEventReferenceResolver implements IResourceLinkResolver {

	private static final String AUDIT_EVENT = "AuditEvent";

	private final IResourceLinkResolver delegate;

	AuditEventReferenceResolver(IResourceLinkResolver delegate) {
		this.delegate = delegate;
	}

	@Override
	public IResourceLookup findTargetResource(
			@Nonnull RequestPartitionId partition,
			String sourceResourceName,
			PathAndRef pathAndRef,
			RequestDetails request,
			TransactionDetails transactionDetails) {
		if (!AUDIT_EVENT.equals(sourceResourceName)) {
			return delegate.findTargetResource(partition, sourceResourceName, pathAndRef, request, transactionDetails);
		}
		try {
			return delegate.findTargetResource(partition, sourceResourceName, pathAndRef, request, transactionDetails);
		} catch (BaseServerResponseException unresolvable) {
			return null;
		}
	}

	@Override
	public IBaseResource loadTargetResource(
			@Nonnull RequestPartitionId partition,
			String sourceResourceName,
			PathAndRef pathAndRef,
			RequestDetails request,
			TransactionDetails transactionDetails) {
		return delegate.loadTargetResource(partition, sourceResourceName, pathAndRef, request, transactionDetails);
	}

	@Override
	public void validateTypeOrThrowException(Class<? extends IBaseResource> type) {
		delegate.validateTypeOrThrowException(type);
	}
}
