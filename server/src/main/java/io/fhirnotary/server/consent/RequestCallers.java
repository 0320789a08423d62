package io.fhirnotary.server.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ContextLevel;
import io.fhirnotary.interceptors.identity.ResourceScope;
import io.fhirnotary.server.security.CurrentCaller;
import java.util.Optional;

/**
 * Who a request acts for, as the consent adapter sees it: {@link CurrentCaller}, plus two rules of
 * its own that only ever narrow access.
 *
 * <ul>
 *   <li>A request that came in over HTTP ({@link ServletRequestDetails}, batch entries included) is
 *       never internal work: should no caller be found for it, it is judged as a caller with no
 *       identity and no scopes, who sees nothing.</li>
 *   <li>Only a custodian holding an unrestricted {@code system/*} read or search scope
 *       {@link #seesEverything(Caller) sees everything}; the adapter skips its per-resource work and
 *       its request guards for such a caller only. A custodian with narrower scopes is filtered
 *       and guarded like anyone else, resource by resource.</li>
 * </ul>
 */
final class RequestCallers {

	private static final Caller NOBODY = Caller.builder().build();

	private final CurrentCaller currentCaller;

	RequestCallers(CurrentCaller currentCaller) {
		this.currentCaller = currentCaller;
	}

	/** The caller; empty for work the server does on its own (seeding, batch jobs, our own lookups). */
	Optional<Caller> of(RequestDetails request) {
		Optional<Caller> caller = currentCaller.of(request);
		if (caller.isEmpty() && request instanceof ServletRequestDetails) {
			return Optional.of(NOBODY);
		}
		return caller;
	}

	/**
	 * The caller when the adapter has to judge it: empty for internal work and for callers who see
	 * everything anyway.
	 */
	Optional<Caller> judged(RequestDetails request) {
		return of(request).filter(caller -> !seesEverything(caller));
	}

	static boolean seesEverything(Caller caller) {
		// A type of "*" only matches scopes granted for every type, never a single-type scope.
		return caller.custodian()
				&& !caller.auditor()
				&& caller.scopes().allowsSeeing(ContextLevel.SYSTEM, ResourceScope.ANY_TYPE);
	}
}
