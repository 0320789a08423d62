package io.fhirnotary.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.interceptors.audit.AuditedResource;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import io.fhirnotary.server.audit.journal.AuditJournalWriter;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.security.CurrentCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Audits writes in the same database transaction as the writes themselves: each created,
 * updated or deleted resource is noted when HAPI is about to commit it, and the request's
 * AuditEvents are stored (in the audit journal) just before the commit, so a write and its audit
 * record commit or roll back together. A transaction bundle gets one record for all its entries (one AuditEvent per
 * patient), not one per entry, which keeps bulk ingest cheap.
 *
 * <p>Registered on HAPI's JPA interceptor service only (not also on the REST server, whose hooks
 * HAPI combines with it for REST requests, which would count every write twice).
 */
@Interceptor
public final class AuditStorageHooks {

	private final CurrentCaller currentCaller;
	private final PatientOfResource patientOf;
	private final AuditTrailRecorder recorder;
	private final AuditJournalWriter journal;

	AuditStorageHooks(
			CurrentCaller currentCaller, FhirContext fhirContext, AuditTrailRecorder recorder, AuditJournalWriter journal) {
		this.currentCaller = currentCaller;
		this.patientOf = new PatientOfResource(fhirContext);
		this.recorder = recorder;
		this.journal = journal;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		note(request, resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(
			IBaseResource previous, IBaseResource resource, RequestDetails request) {
		note(request, resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		note(request, resource);
	}

	private void note(RequestDetails request, IBaseResource resource) {
		Optional<Caller> caller = currentCaller.of(request);
		if (caller.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		IIdType id = resource.getIdElement();
		if (!id.hasIdPart() || !id.hasResourceType()) {
			return;
		}
		RequestAuditTrail trail = RequestAuditTrail.of(request);
		trail.written(new ResourceRef(id.getResourceType(), id.getIdPart()), id.getVersionIdPart(), patientOf.of(resource).any());
		if (trail.needsCommitHook()) {
			TransactionSynchronizationManager.registerSynchronization(
					new AuditBeforeCommit(request, caller.get(), trail));
		}
	}

	/** Stores the AuditEvents of the writes in the audit journal inside the transaction, just before it commits. */
	private final class AuditBeforeCommit implements TransactionSynchronization {
		private final RequestDetails request;
		private final Caller caller;
		private final RequestAuditTrail trail;
		private List<AuditedResource> audited = new ArrayList<>();

		AuditBeforeCommit(RequestDetails request, Caller caller, RequestAuditTrail trail) {
			this.request = request;
			this.caller = caller;
			this.trail = trail;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			audited = trail.takeUncommittedWrites();
			journal.appendInCurrentTransaction(recorder.eventsFor(request, caller, audited, 200));
		}

		@Override
		public void afterCompletion(int status) {
			trail.transactionEnded(status == STATUS_COMMITTED, audited);
		}
	}
}
