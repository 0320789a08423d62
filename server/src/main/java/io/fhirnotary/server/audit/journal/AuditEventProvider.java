package io.fhirnotary.server.audit.journal;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.At;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.fhirnotary.interceptors.blindindex.BlindTokens;
import io.fhirnotary.interceptors.blindindex.Normaliser;
import io.fhirnotary.server.consent.AuditTrailAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ca.uhn.fhir.rest.api.Constants;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * The AuditEvent endpoint of protected mode, in place of HAPI's JPA provider: the audit trail is
 * in two stores, and a reader sees one. Every AuditEvent the server writes is in the journal
 * ({@link AuditJournalWriter}); those a custodian system posts are HAPI resources. Reads go to
 * whichever store the id belongs to; searches ask both with the same parameters and merge by
 * {@code recorded}.
 *
 * <p>The audit trail is searched by {@code patient}, {@code agent}, {@code entity}, {@code date},
 * {@code type}, {@code subtype}, {@code action}, {@code outcome}, {@code _security} (emergency
 * access is labelled {@code ETREAT}) and {@code _id}, newest first
 * ({@code _sort=date} for oldest first), paged by {@code _count} and {@code _offset} (the next-page
 * link repeats the search, so a revoked permission takes effect on the next page). Other parameters
 * ({@code _include}, {@code _revinclude}, chains, {@code _has}, {@code source}) are refused with
 * 400: docs/CONSENT.md lists what changed. Consent applies to both stores: HAPI's results pass the
 * consent interceptor on the DAO; the journal's are limited to what the caller may see at all
 * ({@link AuditTrailAccess#reachOf}) and each is then judged like any resource.
 */
public final class AuditEventProvider implements IResourceProvider {

	/** What {@link #search} accepts besides {@code _sort}, {@code _count} and {@code _offset}; keep the two in step. */
	static final Set<String> SEARCH_PARAMETERS = Set.of(
			AuditEvent.SP_PATIENT, AuditEvent.SP_AGENT, AuditEvent.SP_ENTITY, AuditEvent.SP_DATE, AuditEvent.SP_TYPE,
			AuditEvent.SP_SUBTYPE, AuditEvent.SP_ACTION, AuditEvent.SP_OUTCOME, "_security", "_id");

	private static final int DEFAULT_PAGE = 20;
	private static final int MAX_PAGE = 500;

	/**
	 * Each page asks both stores for everything up to its end and merges: a deep page costs its
	 * depth. Beyond this, the caller narrows the search by date instead (400 says so).
	 */
	static final int MAX_OFFSET = 10_000;

	private final IFhirResourceDao<AuditEvent> hapiEvents;
	private final JournalEvents journal;
	private final AuditTrailAccess access;
	private final BlindTokens tokens;

	public AuditEventProvider(IFhirResourceDao<AuditEvent> hapiEvents, JournalEvents journal, AuditTrailAccess access, BlindTokens tokens) {
		this.hapiEvents = hapiEvents;
		this.journal = journal;
		this.access = access;
		this.tokens = tokens;
	}

	@Override
	public Class<? extends IBaseResource> getResourceType() {
		return AuditEvent.class;
	}

	@Read(version = true)
	public AuditEvent read(@IdParam IdType id, RequestDetails request) {
		if (!JournalEvents.isJournalId(id.getIdPart())) {
			return hapiEvents.read(id, request);
		}
		if (id.hasVersionIdPart() && !"1".equals(id.getVersionIdPart())) {
			throw notFound(id);
		}
		AuditEvent event = journal.find(id.getIdPart()).orElseThrow(() -> notFound(id));
		if (!access.visible(request, event)) {
			throw notFound(id); // as for an id that does not exist: no existence signal
		}
		return event;
	}

	/** Custodians may post AuditEvents of their own (write rules, docs/CONSENT.md §5): HAPI stores them. */
	@Create
	public MethodOutcome create(@ResourceParam AuditEvent event, @ConditionalUrlParam String conditional, RequestDetails request) {
		return hapiEvents.create(event, conditional, request);
	}

	/** Refused by the write rules for everyone (AuditEvents are immutable); kept so the refusal is theirs to give. */
	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam AuditEvent event, @ConditionalUrlParam String conditional,
			RequestDetails request) {
		if (conditional == null) {
			event.setId(id);
		}
		return hapiEvents.update(event, conditional, request);
	}

	/** As {@link #update}. */
	@Delete
	public MethodOutcome delete(@IdParam IdType id, @ConditionalUrlParam String conditional, RequestDetails request) {
		if (conditional != null) {
			return hapiEvents.deleteByUrl(conditional, request);
		}
		return hapiEvents.delete(id, request);
	}

	/** The versions of one event: a journal event has one. */
	@History
	public IBundleProvider instanceHistory(@IdParam IdType id, @Since java.util.Date since, @At DateRangeParam at,
			RequestDetails request) {
		if (!JournalEvents.isJournalId(id.getIdPart())) {
			return hapiEvents.history(id, since, at == null ? null : at.getUpperBoundAsInstant(), null, request);
		}
		return new SimpleBundleProvider(List.of(read(new IdType("AuditEvent", id.getIdPart()), request)));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceAndListParam patient,
			@OptionalParam(name = AuditEvent.SP_AGENT) ReferenceAndListParam agent,
			@OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceAndListParam entity,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@OptionalParam(name = AuditEvent.SP_TYPE) TokenAndListParam type,
			@OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenAndListParam subtype,
			@OptionalParam(name = AuditEvent.SP_ACTION) TokenAndListParam action,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenAndListParam outcome,
			@OptionalParam(name = "_security") TokenAndListParam security,
			@OptionalParam(name = "_id") TokenAndListParam ids,
			@Sort SortSpec sort,
			@Count Integer count,
			@Offset Integer offset,
			RequestDetails request) {
		boolean newestFirst = newestFirst(sort);
		int pageSize = count == null ? DEFAULT_PAGE : Math.max(0, Math.min(count, MAX_PAGE));
		int from = offset == null ? 0 : Math.max(0, offset);
		if (from > MAX_OFFSET) {
			throw new InvalidRequestException("The audit trail pages up to _offset=" + MAX_OFFSET
					+ "; narrow the search by date to see older events");
		}

		SearchParameterMap map = new SearchParameterMap();
		JournalQuery.Builder query = JournalQuery.builder().newestFirst(newestFirst);
		if (patient != null) {
			map.add(AuditEvent.SP_PATIENT, patient);
			patient.getValuesAsQueryTokens().forEach(anyOf -> query.aboutOneOf(references(anyOf, "Patient")));
		}
		AuditTrailAccess.Reach reach = access.reachOf(request);
		if (reach instanceof AuditTrailAccess.Reach.AboutPatient about) {
			query.aboutOneOf(Set.of(about.patient().type() + "/" + about.patient().id()));
		} else if (reach instanceof AuditTrailAccess.Reach.Nothing) {
			query.aboutOneOf(Set.of());
		}
		referenceMatch(map, query, AuditEvent.SP_AGENT, JournalQuery.Column.AGENT, agent);
		referenceMatch(map, query, AuditEvent.SP_ENTITY, JournalQuery.Column.ENTITY, entity);
		tokenMatch(map, query, AuditEvent.SP_TYPE, JournalQuery.Column.TYPE, type);
		tokenMatch(map, query, AuditEvent.SP_SUBTYPE, JournalQuery.Column.SUBTYPE, subtype);
		tokenMatch(map, query, AuditEvent.SP_ACTION, JournalQuery.Column.ACTION, action);
		tokenMatch(map, query, AuditEvent.SP_OUTCOME, JournalQuery.Column.OUTCOME, outcome);
		tokenMatch(map, query, "_security", JournalQuery.Column.SECURITY, security);
		if (date != null) {
			map.add(AuditEvent.SP_DATE, date);
			if (date.getLowerBoundAsInstant() != null) {
				query.recordedFrom(date.getLowerBoundAsInstant().getTime());
			}
			if (date.getUpperBoundAsInstant() != null) {
				// the upper bound is inclusive to the end of its precision: the instant is its last millisecond
				query.recordedBefore(date.getUpperBoundAsInstant().getTime() + 1);
			}
		}
		if (ids != null) {
			map.add("_id", ids);
			// each _id parameter is one condition (any of its values); all of them must hold
			Set<String> journalIds = null;
			for (TokenOrListParam anyOf : ids.getValuesAsQueryTokens()) {
				Set<String> these = new LinkedHashSet<>();
				anyOf.getValuesAsQueryTokens().stream().map(TokenParam::getValue)
						.filter(JournalEvents::isJournalId).forEach(these::add);
				if (journalIds == null) {
					journalIds = these;
				} else {
					journalIds.retainAll(these);
				}
			}
			query.ids(journalIds == null ? Set.of() : journalIds);
		}
		map.setSort(new SortSpec(AuditEvent.SP_DATE, newestFirst ? SortOrderEnum.DESC : SortOrderEnum.ASC));

		int wanted = from + pageSize;
		List<AuditEvent> fromHapi = hapiEvents(map, request, wanted);
		List<AuditEvent> fromJournal = journal.search(query.build(), 0, wanted);
		List<AuditEvent> merged = new ArrayList<>(fromHapi);
		fromJournal.stream().filter(event -> access.visible(request, event)).forEach(merged::add);
		// a posted AuditEvent may lack its (required) recorded time: it sorts as the oldest
		Comparator<AuditEvent> byRecorded = Comparator.comparing(AuditEvent::getRecorded,
						Comparator.nullsFirst(Comparator.naturalOrder()))
				.thenComparing(event -> event.getIdElement().getIdPart());
		merged.sort(newestFirst ? byRecorded.reversed() : byRecorded);
		List<IBaseResource> page = new ArrayList<>(merged.subList(Math.min(from, merged.size()), Math.min(wanted, merged.size())));
		SimpleBundleProvider result = new SimpleBundleProvider(page);
		result.setCurrentPageOffset(from);
		result.setCurrentPageSize(pageSize);
		// more may follow when either store returned all that was asked of it (before the journal's
		// events were judged one by one); the size is not counted
		boolean more = fromHapi.size() >= wanted || fromJournal.size() >= wanted;
		result.setSize(more ? null : from + page.size());
		return result;
	}

	private List<AuditEvent> hapiEvents(SearchParameterMap map, RequestDetails request, int wanted) {
		if (wanted == 0) {
			return List.of();
		}
		map.setCount(wanted);
		// HAPI's DAO takes _offset and _count from the request over the map's; this page of the
		// merged trail needs HAPI's first {@code wanted} instead. The request's own are put back for
		// the page links.
		Map<String, String[]> asked = request.getParameters();
		Map<String, String[]> withoutPaging = new LinkedHashMap<>(asked);
		withoutPaging.remove(Constants.PARAM_OFFSET);
		withoutPaging.remove(Constants.PARAM_COUNT);
		request.setParameters(withoutPaging);
		try {
			IBundleProvider found = hapiEvents.search(map, request);
			List<AuditEvent> events = new ArrayList<>();
			for (IBaseResource resource : found.getResources(0, wanted)) {
				events.add((AuditEvent) resource);
			}
			return events;
		} finally {
			request.setParameters(asked);
		}
	}

	private static boolean newestFirst(SortSpec sort) {
		if (sort == null) {
			return true;
		}
		if (!AuditEvent.SP_DATE.equals(sort.getParamName()) || sort.getChain() != null) {
			throw new InvalidRequestException("The audit trail sorts by date only (_sort=date or _sort=-date)");
		}
		return sort.getOrder() == SortOrderEnum.DESC;
	}

	private static void referenceMatch(SearchParameterMap map, JournalQuery.Builder query, String name,
			JournalQuery.Column column, ReferenceAndListParam param) {
		if (param == null) {
			return;
		}
		map.add(name, param);
		for (ReferenceOrListParam anyOf : param.getValuesAsQueryTokens()) {
			query.match(column, references(anyOf, null).stream().map(ref -> new JournalQuery.Value(ref, false)).toList());
		}
	}

	private void tokenMatch(SearchParameterMap map, JournalQuery.Builder query, String name,
			JournalQuery.Column column, TokenAndListParam param) {
		if (param == null) {
			return;
		}
		map.add(name, param);
		for (TokenOrListParam anyOf : param.getValuesAsQueryTokens()) {
			List<JournalQuery.Value> values = new ArrayList<>();
			for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
				if (token.getModifier() != null) {
					throw new InvalidRequestException("Modifiers are not supported on the audit trail's '" + name + "'");
				}
				// security labels are indexed in clear (BlindIndexPolicy), every other code blinded
				String code = column == JournalQuery.Column.SECURITY ? token.getValue()
						: tokens.blindQueryValue(token.getValue(), Normaliser.EXACT);
				values.add(token.getSystem() == null ? new JournalQuery.Value(code, true)
						: new JournalQuery.Value(token.getSystem() + "|" + code, false));
			}
			query.match(column, values);
		}
	}

	/** {@code Type/id} of each reference; one without a type (and no default) matches nothing. */
	private static Set<String> references(ReferenceOrListParam anyOf, String defaultType) {
		Set<String> references = new LinkedHashSet<>();
		for (ReferenceParam reference : anyOf.getValuesAsQueryTokens()) {
			if (reference.getChain() != null) {
				throw new InvalidRequestException("Chained parameters are not supported on the audit trail");
			}
			IdType id = new IdType(reference.getValue());
			String type = id.hasResourceType() ? id.getResourceType()
					: reference.getResourceType() != null ? reference.getResourceType() : defaultType;
			if (type != null && id.hasIdPart()) {
				references.add(type + "/" + id.getIdPart());
			}
		}
		return references;
	}

	private static ResourceNotFoundException notFound(IdType id) {
		return new ResourceNotFoundException(new IdType("AuditEvent", id.getIdPart()));
	}
}
