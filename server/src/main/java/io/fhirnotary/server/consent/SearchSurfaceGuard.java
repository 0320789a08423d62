package io.fhirnotary.server.consent;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.server.notary.NotaryOperationNames;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses, before HAPI runs them, the request features whose answers would depend on resources the
 * caller cannot see — for every caller except one who {@link RequestCallers#seesEverything sees
 * everything}. Refusing never depends on what is stored, so a refusal reveals nothing.
 *
 * <ul>
 *   <li>Search parameters: see {@link SearchParameterPolicy}; also {@code :above}/{@code :below}
 *       on reference parameters (they walk stored references), and {@code Cache-Control: no-store},
 *       which makes HAPI cut a page to {@code _count} before consent filters it. → 400</li>
 *   <li>Conditional create, update, patch and delete ({@code If-None-Exist}, a match URL): HAPI
 *       matches in SQL and looks at two matches at most, so "visible matches only" cannot be
 *       guaranteed. → 400. Bundle entries: {@link BundleEntryGuard}.</li>
 *   <li>Type and system history: HAPI pages them by offset over every version of every patient,
 *       so page boundaries and next links would reveal others' activity. → 400. Instance history
 *       stays, behind {@link InstanceAccessGuard}.</li>
 *   <li>Operations outside a short list ({@code $validate}, terminology operations,
 *       {@code Patient/[id]/$everything}, instance {@code $meta}): {@code $get-resource-counts},
 *       type and system {@code $meta}, {@code $document}, {@code $lastn}, {@code $expunge}, merges,
 *       reindexing, GraphQL, ... → 403</li>
 * </ul>
 * Runs at {@code SERVER_INCOMING_REQUEST_PRE_HANDLED}, which HAPI also fires for each GET entry of
 * a batch or transaction (a refused entry fails alone in a batch, and fails a transaction).
 */
@Interceptor(order = SearchSurfaceGuard.ORDER)
final class SearchSurfaceGuard {

	/** After the scope check, before {@link InstanceAccessGuard} (refusals here need no database). */
	static final int ORDER = InstanceAccessGuard.ORDER - 10;

	private static final Set<String> TERMINOLOGY_TYPES = Set.of("ValueSet", "CodeSystem", "ConceptMap", "StructureDefinition");
	/** Terminology reads, plus the release uploads the scope check already keeps for custodians. */
	private static final Set<String> TERMINOLOGY_OPERATIONS = Set.of(
			"$expand", "$validate-code", "$lookup", "$subsumes", "$translate", "$snapshot",
			"$upload-external-code-system", "$apply-codesystem-delta-add", "$apply-codesystem-delta-remove");

	private final RequestCallers callers;
	private final ISearchParamRegistry searchParameters;

	SearchSurfaceGuard(RequestCallers callers, ISearchParamRegistry searchParameters) {
		this.callers = callers;
		this.searchParameters = searchParameters;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void check(RequestDetails request, RestOperationTypeEnum operation) {
		Optional<Caller> caller = callers.judged(request);
		if (caller.isEmpty() || operation == null || operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		switch (operation) {
			case HISTORY_TYPE, HISTORY_SYSTEM -> throw invalid(
					"type and system history are not available to this caller; search with _lastUpdated instead");
			case GRAPHQL_REQUEST -> throw forbidden("GraphQL is not available on this server");
			case CREATE, UPDATE, PATCH, DELETE -> {
				if (request.getConditionalUrl(operation) != null) {
					throw invalid("conditional create, update, patch and delete are not available to this caller");
				}
			}
			case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE, META, META_ADD,
					META_DELETE -> {
				if (!isOfferedOperation(operation, request)) {
					throw forbidden("the operation " + request.getOperation() + " is not available to this caller");
				}
			}
			default -> {
				// searches, reads, paging, bundles: the parameter checks below
			}
		}
		Optional<String> refusal = SearchParameterPolicy.refusal(
				request.getParameters(), operation == RestOperationTypeEnum.HISTORY_INSTANCE);
		if (refusal.isEmpty()) {
			refusal = referenceHierarchy(request);
		}
		if (refusal.isEmpty() && asksForUncachedSearch(request)) {
			refusal = Optional.of("Cache-Control: no-store is not available to this caller");
		}
		if (refusal.isPresent()) {
			throw invalid(refusal.get());
		}
	}

	private static boolean isOfferedOperation(RestOperationTypeEnum operation, RequestDetails request) {
		String name = request.getOperation();
		String type = request.getResourceName();
		boolean instance = request.getId() != null && request.getId().hasIdPart();
		if (operation == RestOperationTypeEnum.META || "$meta".equals(name)) {
			// $meta of one resource shows its tags; of a type or the server, every tag in use.
			return instance;
		}
		if (operation == RestOperationTypeEnum.META_ADD || operation == RestOperationTypeEnum.META_DELETE) {
			// changing tags and security labels is for custodians
			return false;
		}
		if (NotaryOperationNames.ALL.contains(name)) {
			// the notary's auditor operations authorise themselves and answer without content
			return true;
		}
		if ("$validate".equals(name)) {
			return type != null;
		}
		if (TERMINOLOGY_OPERATIONS.contains(name)) {
			return TERMINOLOGY_TYPES.contains(type);
		}
		return "$everything".equals(name) && "Patient".equals(type) && instance;
	}

	/** {@code partof:below=Location/1}: walks stored references through resources the caller may not see. */
	private Optional<String> referenceHierarchy(RequestDetails request) {
		String type = request.getResourceName();
		if (type == null) {
			return Optional.empty();
		}
		for (String name : request.getParameters().keySet()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.endsWith(":above") && !lower.endsWith(":below")) {
				continue;
			}
			RuntimeSearchParam parameter = searchParameters.getActiveSearchParam(
					type, SearchParameterPolicy.baseName(name), ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH);
			if (parameter == null || parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE) {
				return Optional.of(":above and :below on references are not available to this caller");
			}
		}
		return Optional.empty();
	}

	private static boolean asksForUncachedSearch(RequestDetails request) {
		List<String> cacheControl = request.getHeaders(Constants.HEADER_CACHE_CONTROL);
		if (cacheControl == null) {
			return false;
		}
		for (String value : cacheControl) {
			if (value != null && value.toLowerCase(Locale.ROOT).contains(Constants.CACHE_CONTROL_NO_STORE)) {
				return true;
			}
		}
		return false;
	}

	static InvalidRequestException invalid(String message) {
		return new InvalidRequestException(message, outcome(OperationOutcome.IssueType.NOTSUPPORTED, message));
	}

	private static ForbiddenOperationException forbidden(String message) {
		return new ForbiddenOperationException(message, outcome(OperationOutcome.IssueType.FORBIDDEN, message));
	}

	private static OperationOutcome outcome(OperationOutcome.IssueType code, String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(message);
		return outcome;
	}
}
