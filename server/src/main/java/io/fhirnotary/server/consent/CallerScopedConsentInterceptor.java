package io.fhirnotary.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import io.fhirnotary.interceptors.identity.Caller;
import java.util.Optional;

/**
 * HAPI's {@link ConsentInterceptor}, except that consent-filtered searches may be reused by the
 * same caller instead of never.
 *
 * <p>HAPI filters a new search's matches for the caller before it stores the result list, so it
 * forbids reusing such a list for anyone. That makes every pharmacy pull run its query and write
 * a new search to the database, where plain HAPI answers a repeated query from its cache. A list
 * filtered for one caller is still right for a later request with the same
 * {@link CallerSearchScope} — same identity, scopes and purposes, and no Consent written since —
 * so searches are filed under that scope ({@code STORAGE_PRESEARCH_REGISTERED}) and looked up under
 * it ({@code STORAGE_PRECHECK_FOR_CACHED_SEARCH}, then {@link CallerScopedSearchCache}).
 *
 * <p>What reuse does not weaken: every resource of a reused list is judged again when shown
 * ({@code willSeeResource}), so a revocation or an expired Consent hides it at once, and the
 * decision is audited as for any page. What it shares with plain HAPI: resources written after the
 * list was made appear once HAPI's reuse window (60 s) has passed, unless the caller asks with
 * {@code Cache-Control: no-cache}.
 */
final class CallerScopedConsentInterceptor extends ConsentInterceptor {

	private static final String SCOPE_OF_SEARCH = CallerScopedConsentInterceptor.class.getName() + ".scope";

	private final RequestCallers callers;
	private final ConsentGeneration consents;
	private final SearchReuseAsker asker;

	CallerScopedConsentInterceptor(
			IConsentService service, RequestCallers callers, ConsentGeneration consents, SearchReuseAsker asker) {
		super(service);
		this.callers = callers;
		this.consents = consents;
		this.asker = asker;
	}

	/** Files a judged caller's new search under its scope; runs before HAPI looks for a cached one. */
	@Override
	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void interceptPreSearchRegistered(RequestDetails request, ICachedSearchDetails search) {
		Optional<Caller> judged = request == null ? Optional.empty() : callers.judged(request);
		if (judged.isEmpty()) {
			if (request != null) {
				request.getUserData().remove(SCOPE_OF_SEARCH);
			}
			return;
		}
		if (ConsentGeneration.advancedInThisTransaction()) {
			// a Consent write of this transaction is not committed yet: file nothing for reuse
			request.getUserData().remove(SCOPE_OF_SEARCH);
			search.setCannotBeReused();
			return;
		}
		CallerSearchScope scope = CallerSearchScope.of(judged.get(), RequestScope.of(request).consentGeneration(consents::current));
		// The lookup that follows must use the same Consent generation the search is filed under.
		request.getUserData().put(SCOPE_OF_SEARCH, scope);
		if (search instanceof Search stored) {
			// Already carries HAPI's partition prefix, so it is stored as given (all partitions).
			stored.setSearchQueryString(scope.scoped(stored.getSearchQueryString()), RequestPartitionId.allPartitions());
		} else {
			search.setCannotBeReused();
		}
	}

	/** Lets HAPI look for a cached search, and tells the cache whose scope to look in. */
	@Override
	@Hook(Pointcut.STORAGE_PRECHECK_FOR_CACHED_SEARCH)
	public boolean interceptPreCheckForCachedSearch(RequestDetails request) {
		Optional<Caller> judged = request == null ? Optional.empty() : callers.judged(request);
		if (judged.isEmpty()) {
			asker.set(Optional.empty());
			return true;
		}
		Object filed = request.getUserData().remove(SCOPE_OF_SEARCH);
		CallerSearchScope scope = filed instanceof CallerSearchScope known
				? known
				: CallerSearchScope.of(judged.get(), RequestScope.of(request).consentGeneration(consents::current));
		asker.set(Optional.of(scope));
		return true;
	}
}
