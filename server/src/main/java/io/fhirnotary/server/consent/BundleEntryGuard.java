package io.fhirnotary.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * The conditional parts of a batch or transaction bundle, refused for callers who do not see
 * everything, for the reasons {@link SearchSurfaceGuard} gives for single requests:
 * {@code request.ifNoneExist}, a match URL on PUT, PATCH or DELETE, and conditional references in
 * entry resources. 400 for the whole transaction; in a batch HAPI fires this hook once per entry,
 * so only the conditional entry fails.
 *
 * <p>GET entries are checked one by one by the request guards, which HAPI runs for each of them.
 */
@Interceptor
final class BundleEntryGuard {

	private final RequestCallers callers;
	private final ConditionalReferences conditionalReferences;

	BundleEntryGuard(RequestCallers callers, ConditionalReferences conditionalReferences) {
		this.callers = callers;
		this.conditionalReferences = conditionalReferences;
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void check(RequestDetails request, IBaseBundle bundle) {
		if (callers.judged(request).isEmpty() || !(bundle instanceof Bundle r4)) {
			return;
		}
		for (BundleEntryComponent entry : r4.getEntry()) {
			if (isConditional(entry) || conditionalReferences.presentIn(entry.getResource())) {
				throw SearchSurfaceGuard.invalid(
						"conditional entries and conditional references are not available to this caller");
			}
		}
	}

	private static boolean isConditional(BundleEntryComponent entry) {
		Bundle.BundleEntryRequestComponent request = entry.getRequest();
		if (request.hasIfNoneExist()) {
			return true;
		}
		HTTPVerb method = request.getMethod();
		boolean targetsByUrl = method == HTTPVerb.PUT || method == HTTPVerb.PATCH || method == HTTPVerb.DELETE;
		return targetsByUrl && request.hasUrl() && request.getUrl().indexOf('?') >= 0;
	}
}
