package io.fhirnotary.server.consent;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import java.time.Instant;
import java.util.Optional;

/**
 * HAPI's search cache, with reuse limited to the caller's own scope: a judged caller reuses only
 * searches filed under its {@link CallerSearchScope} (see {@link CallerScopedConsentInterceptor},
 * which files them), a caller who sees everything only unscoped ones. The scope is part of the
 * stored query string, so the rule holds across server nodes sharing one database.
 */
final class CallerScopedSearchCache implements ISearchCacheSvc {

	private final ISearchCacheSvc delegate;
	private final SearchReuseAsker asker;

	CallerScopedSearchCache(ISearchCacheSvc delegate, SearchReuseAsker asker) {
		this.delegate = delegate;
		this.asker = asker;
	}

	@Override
	public Optional<Search> findCandidatesForReuse(
			String resourceType, String queryString, Instant createdAfter, RequestPartitionId partition) {
		Optional<Optional<CallerSearchScope>> asking = asker.take();
		if (asking.isEmpty()) {
			return Optional.empty();
		}
		String filedUnder = asking.get().map(scope -> scope.scoped(queryString)).orElse(queryString);
		return delegate.findCandidatesForReuse(resourceType, filedUnder, createdAfter, partition);
	}

	@Override
	public Search save(Search search, RequestPartitionId partition) {
		return delegate.save(search, partition);
	}

	@Override
	public Optional<Search> fetchByUuid(String uuid, RequestPartitionId partition) {
		return delegate.fetchByUuid(uuid, partition);
	}

	@Override
	public Optional<Search> tryToMarkSearchAsInProgress(Search search, RequestPartitionId partition) {
		return delegate.tryToMarkSearchAsInProgress(search, partition);
	}

	@Override
	public void pollForStaleSearchesAndDeleteThem(RequestPartitionId partition, Instant deadline) {
		delegate.pollForStaleSearchesAndDeleteThem(partition, deadline);
	}
}
