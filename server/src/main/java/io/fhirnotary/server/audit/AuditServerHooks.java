package io.fhirnotary.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.fhirnotary.interceptors.audit.AuditedResource;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.security.CurrentCaller;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits what REST requests read, searched, or tried and failed to do: notes every resource a
 * response carries (a read's resource, a search's or history's entries, includes too), and when
 * the request has completed queues its audit record — with the consent decisions the request
 * caused and its outcome (a refused or failed request is audited too, with its status) — from
 * which {@link AuditQueue} builds and stores its AuditEvents.
 *
 * <p>These are REST-server hooks (registered on the {@code RestfulServer}); writes are audited
 * inside their own transaction by {@link AuditStorageHooks}.
 */
@Interceptor
public final class AuditServerHooks {

	private static final Logger log = LoggerFactory.getLogger(AuditServerHooks.class);

	private final CurrentCaller currentCaller;
	private final PatientOfResource patientOf;
	private final AuditTrailRecorder recorder;
	private final AuditQueue queue;

	AuditServerHooks(CurrentCaller currentCaller, FhirContext fhirContext, AuditTrailRecorder recorder, AuditQueue queue) {
		this.currentCaller = currentCaller;
		this.patientOf = new PatientOfResource(fhirContext);
		this.recorder = recorder;
		this.queue = queue;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean noteShownResources(RequestDetails request, IBaseResource response) {
		if (response == null || currentCaller.of(request).isEmpty()) {
			return true;
		}
		RequestAuditTrail trail = RequestAuditTrail.of(request);
		if (response instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.hasResource()) {
					noteShown(trail, entry.getResource());
				}
			}
		} else if (response instanceof Resource resource) {
			noteShown(trail, resource);
		}
		return true;
	}

	private void noteShown(RequestAuditTrail trail, Resource resource) {
		if (resource instanceof OperationOutcome || resource instanceof Parameters) {
			return;
		}
		IIdType id = resource.getIdElement();
		if (!id.hasIdPart()) {
			return;
		}
		trail.shown(new ResourceRef(resource.fhirType(), id.getIdPart()), id.getVersionIdPart(), () -> patientOf.of(resource).any());
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void auditCompletedRequest(RequestDetails request, ServletRequestDetails servletRequest) {
		Optional<Caller> caller = currentCaller.of(request);
		if (caller.isEmpty() || caller.get().clientId() == null && caller.get().scopes().resourceScopes().isEmpty()) {
			return;
		}
		RequestAuditTrail trail = RequestAuditTrail.of(request);
		List<AuditedResource> pending = trail.notYetAudited();
		if (pending.isEmpty() && trail.hasAuditedWrites()) {
			return;
		}
		int status = servletRequest == null ? 200 : servletRequest.getServletResponse().getStatus();
		try {
			recorder.recordFor(request, caller.get(), pending, status).ifPresent(queue::submit);
		} catch (RuntimeException e) {
			// Never a message: it could quote resource content. The type says enough to investigate.
			log.error("Could not store the audit record of a {} request ({})", request.getRestOperationType(),
					e.getClass().getSimpleName());
		}
	}
}
