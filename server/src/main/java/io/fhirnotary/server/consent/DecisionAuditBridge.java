package io.fhirnotary.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.server.audit.RequestAuditTrail;

/**
 * Hands the consent decisions of a request to its audit trail ({@link RequestAuditTrail}), on the
 * request's own thread. Decisions are taken on other threads too — HAPI runs a search's first
 * consent checks on its search threads while the request waits — so they are queued in the
 * {@link RequestScope} and moved over here, just before the response goes out and when the
 * request completes (refusals included), ahead of the audit hooks that read the trail.
 *
 * <p>Decisions a search thread takes after the request has completed (about results beyond the
 * page answered) are not audited: the response showed none of those resources.
 */
@Interceptor(order = DecisionAuditBridge.ORDER)
final class DecisionAuditBridge {

	/** Before the audit hooks, which run at the default order. */
	static final int ORDER = -200;

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = ORDER)
	public void beforeResponse(RequestDetails request) {
		handOver(request);
	}

	@Hook(value = Pointcut.SERVER_PROCESSING_COMPLETED, order = ORDER)
	public void whenCompleted(RequestDetails request) {
		handOver(request);
	}

	private static void handOver(RequestDetails request) {
		RequestScope.existing(request).ifPresent(scope -> scope.drainDecisions(decided ->
				RequestAuditTrail.recordDecision(
						request, decided.resource(), decided.version(), decided.patient(), decided.decision())));
	}
}
