package io.fhirnotary.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.jpa.entity.SearchInclude;
import ca.uhn.fhir.jpa.entity.SearchTypeEnum;
import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.PathAndRef;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;

/**
 * Cleans search and history pages (also those inside batch and transaction responses) of every
 * trace of what consent took out, for callers who do not see everything: totals and paging links
 * ({@link PageLinks}), and included resources reached only through hidden ones
 * ({@link IncludeReachability}).
 *
 * <p>The include steps come from the page's self link (first page) or from HAPI's stored search
 * ({@code _getpages}). {@code $everything} pages keep resources other than the patient's own only
 * where a visible resource of the patient on the page refers to them — applied only when consent
 * hid something in this search, so a patient reading their own record loses nothing.
 *
 * <p>Runs at {@code SERVER_OUTGOING_RESPONSE} on the REST server.
 */
@Interceptor
final class ResponseBundleGuard {

	private static final String GET_PAGES = "_getpages";
	private static final String EVERYTHING = "$everything";

	private final RequestCallers callers;
	private final PatientOfResource patientOf;
	private final ISearchParamExtractor searchParamExtractor;
	private final ISearchCacheSvc searchCache;
	private final int defaultPageSize;

	ResponseBundleGuard(
			RequestCallers callers,
			PatientOfResource patientOf,
			ISearchParamExtractor searchParamExtractor,
			ISearchCacheSvc searchCache,
			int defaultPageSize) {
		this.callers = callers;
		this.patientOf = patientOf;
		this.searchParamExtractor = searchParamExtractor;
		this.searchCache = searchCache;
		this.defaultPageSize = defaultPageSize;
	}

	/** Before the audit hooks (default order), so the audit trail notes only what is really shown. */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -100)
	public void clean(RequestDetails request, ResponseDetails response) {
		if (response.getResponseResource() instanceof Bundle bundle && callers.judged(request).isPresent()) {
			clean(bundle, RequestScope.of(request));
		}
	}

	private void clean(Bundle bundle, RequestScope scope) {
		BundleType type = bundle.getType();
		if (type == BundleType.BATCHRESPONSE || type == BundleType.TRANSACTIONRESPONSE) {
			for (BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() instanceof Bundle nested) {
					clean(nested, scope);
				}
			}
			return;
		}
		if (type != BundleType.SEARCHSET && type != BundleType.HISTORY) {
			return;
		}
		List<Resource> matches = new ArrayList<>();
		List<Resource> included = new ArrayList<>();
		for (BundleEntryComponent entry : bundle.getEntry()) {
			SearchEntryMode mode = entry.getSearch().getMode();
			if (entry.getResource() == null || mode == SearchEntryMode.OUTCOME) {
				continue;
			}
			(mode == SearchEntryMode.INCLUDE ? included : matches).add(entry.getResource());
		}
		PageLinks.hideWhatConsentRemoved(bundle, matches.size(), defaultPageSize);
		if (type == BundleType.SEARCHSET) {
			removeEntries(bundle, unreachable(bundle, matches, included, scope));
		}
	}

	private List<Resource> unreachable(Bundle bundle, List<Resource> matches, List<Resource> included, RequestScope scope) {
		String self = bundle.getLink(Bundle.LINK_SELF) == null ? null : bundle.getLink(Bundle.LINK_SELF).getUrl();
		Map<String, List<String>> query = PageLinks.queryParameters(self);
		// A later page's URL names only HAPI's stored search; what it was is stored with it.
		Optional<Search> stored = query.containsKey(GET_PAGES) ? storedSearch(query.get(GET_PAGES).get(0)) : Optional.empty();
		boolean everything = self != null && self.contains(EVERYTHING)
				|| stored.map(search -> search.getSearchType() == SearchTypeEnum.EVERYTHING).orElse(false);
		if (everything) {
			boolean hidSomething = scope.hidSomething()
					|| stored.or(() -> storedSearch(bundle.getIdElement().getIdPart()))
							.map(search -> search.getNumBlocked() > 0).orElse(false);
			if (!hidSomething) {
				return List.of();
			}
			Optional<ResourceRef> patient = stored.isPresent() ? everythingPatient(stored.get()) : everythingPatient(self);
			return unreferencedFromThePatient(patient, matches, included);
		}
		if (included.isEmpty()) {
			return List.of();
		}
		List<IncludeReachability.Step> steps = query.containsKey(GET_PAGES)
				? stored.map(ResponseBundleGuard::stepsOf).orElse(List.of())
				: stepsOf(query);
		return IncludeReachability.unreachable(matches, included, steps, this::links);
	}

	/**
	 * {@code $everything} adds what the patient's resources refer to, through hidden ones too. Only
	 * the patient's own resources anchor the page; anything else (Practitioners, Medications,
	 * another patient's resources) stays where an anchor refers to it.
	 */
	private List<Resource> unreferencedFromThePatient(
			Optional<ResourceRef> patient, List<Resource> matches, List<Resource> included) {
		// An unknown patient anchors nothing: every resource then goes (fail closed).
		List<Resource> anchors = new ArrayList<>();
		List<Resource> others = new ArrayList<>();
		List<Resource> all = new ArrayList<>(matches);
		all.addAll(included);
		for (Resource resource : all) {
			boolean own = patient.isPresent() && patientOf.of(resource).patients().contains(patient.get());
			(own ? anchors : others).add(resource);
		}
		return IncludeReachability.unreferencedFrom(anchors, others);
	}

	/** {@code .../Patient/[id]/$everything...} → {@code Patient/[id]}. */
	static Optional<ResourceRef> everythingPatient(String selfLink) {
		int operation = selfLink == null ? -1 : selfLink.indexOf("/" + EVERYTHING);
		if (operation < 0) {
			return Optional.empty();
		}
		String[] path = selfLink.substring(0, operation).split("/");
		return path.length < 2 ? Optional.empty() : ResourceRef.parse(path[path.length - 2] + "/" + path[path.length - 1])
				.filter(ref -> ref.isA("Patient"));
	}

	/** HAPI's {@code Patient/[id]/$everything} search keeps the patient as its {@code _id} parameter. */
	private static Optional<ResourceRef> everythingPatient(Search search) {
		List<List<IQueryParameterType>> ids = search.getSearchParameterMap()
				.map(map -> map.get(IAnyResource.SP_RES_ID))
				.orElse(List.of());
		if (ids.size() != 1 || ids.get(0).size() != 1 || !(ids.get(0).get(0) instanceof TokenParam id)) {
			return Optional.empty();
		}
		return ResourceRef.parse("Patient/" + id.getValue());
	}

	private Optional<Search> storedSearch(String uuid) {
		if (uuid == null || uuid.isBlank()) {
			return Optional.empty();
		}
		return searchCache.fetchByUuid(uuid, RequestPartitionId.allPartitions());
	}

	private static List<IncludeReachability.Step> stepsOf(Map<String, List<String>> query) {
		List<IncludeReachability.Step> steps = new ArrayList<>();
		query.forEach((name, values) -> {
			String base = SearchParameterPolicy.baseName(name);
			boolean reverse = base.equals("_revinclude");
			if (!reverse && !base.equals("_include")) {
				return;
			}
			boolean iterate = name.endsWith(":iterate") || name.endsWith(":recurse");
			values.forEach(value -> IncludeReachability.Step.parse(value, reverse, iterate).ifPresent(steps::add));
		});
		return steps;
	}

	private static List<IncludeReachability.Step> stepsOf(Search search) {
		List<IncludeReachability.Step> steps = new ArrayList<>();
		for (SearchInclude include : search.getIncludes()) {
			IncludeReachability.Step.parse(include.getInclude(), include.isReverse(), include.isRecurse())
					.ifPresent(steps::add);
		}
		return steps;
	}

	private Set<ResourceRef> links(Resource source, String searchParameter) {
		Set<ResourceRef> targets = new LinkedHashSet<>();
		for (PathAndRef link : searchParamExtractor.extractResourceLinks(source, false)) {
			IBaseReference reference = link.getRef();
			boolean wanted = IncludeReachability.Step.ANY.equals(searchParameter)
					|| searchParameter.equals(link.getSearchParamName());
			if (wanted && reference != null && reference.getReferenceElement().getValue() != null) {
				ResourceRef.parse(reference.getReferenceElement().toUnqualifiedVersionless().getValue())
						.ifPresent(targets::add);
			}
		}
		return targets;
	}

	private static void removeEntries(Bundle bundle, List<Resource> unwanted) {
		if (unwanted.isEmpty()) {
			return;
		}
		Set<Resource> gone = Collections.newSetFromMap(new IdentityHashMap<>());
		gone.addAll(unwanted);
		bundle.getEntry().removeIf(entry -> gone.contains(entry.getResource()));
	}
}
