package io.fhirnotary.server.consent;

import java.util.Optional;

/**
 * Carries "who is looking for a cached search" from HAPI's {@code STORAGE_PRECHECK_FOR_CACHED_SEARCH}
 * hook to the search cache lookup HAPI makes right after it, on the same thread and in the same
 * call ({@code SearchCoordinatorSvcImpl.findCachedQuery}); the lookup's signature has no room for
 * the request. Taken exactly once: a lookup without a preceding check finds nothing.
 */
final class SearchReuseAsker {

	/** Who asks: a caller scope, or {@link Optional#empty()} for a caller who sees everything. */
	private final ThreadLocal<Optional<CallerSearchScope>> asking = new ThreadLocal<>();

	void set(Optional<CallerSearchScope> scope) {
		asking.set(scope);
	}

	/** The asker set on this thread, removed; empty when none was set (then nothing may be reused). */
	Optional<Optional<CallerSearchScope>> take() {
		Optional<CallerSearchScope> scope = asking.get();
		asking.remove();
		return Optional.ofNullable(scope);
	}
}
