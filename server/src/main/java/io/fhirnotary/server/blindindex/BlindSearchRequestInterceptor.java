package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.fhirnotary.interceptors.blindindex.SearchParameterRewriter;
import io.fhirnotary.interceptors.blindindex.UnsupportedBlindSearchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites what a REST request searches for into blind values before HAPI reads it: the
 * parameters of searches (GET and POST {@code _search}), the {@code If-None-Exist} header of
 * conditional creates and the URL of conditional updates, patches and deletes. Runs at
 * {@code SERVER_INCOMING_REQUEST_POST_PROCESSED}, before HAPI builds the query it stores in
 * {@code HFJ_SEARCH} or the match URL it stores in {@code HFJ_RES_SEARCH_URL}, so neither ever sees
 * a clear value. A search the blind index cannot answer gets 400 with an OperationOutcome.
 */
@Interceptor
public final class BlindSearchRequestInterceptor {

	private final SearchParameterRewriter rewriter;

	BlindSearchRequestInterceptor(SearchParameterRewriter rewriter) {
		this.rewriter = rewriter;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean rewrite(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation == null) {
			return true;
		}
		try {
			switch (operation) {
				case SEARCH_TYPE, SEARCH_SYSTEM -> rewriteSearch(request);
				case CREATE -> rewriteIfNoneExist(request);
				case UPDATE, PATCH, DELETE -> rewriteConditionalUrl(request, operation);
				default -> {
					// reads, history, operations and paging carry no searched values
				}
			}
		} catch (UnsupportedBlindSearchException refused) {
			throw new InvalidRequestException(refused.getMessage());
		}
		return true;
	}

	private void rewriteSearch(RequestDetails request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> parameters.put(name, List.of(values)));
		Map<String, List<String>> rewritten = rewriter.rewrite(request.getResourceName(), parameters);
		if (rewritten.equals(parameters)) {
			return;
		}
		Map<String, String[]> replacement = new LinkedHashMap<>();
		rewritten.forEach((name, values) -> replacement.put(name, values.toArray(String[]::new)));
		request.setParameters(replacement);
	}

	private void rewriteIfNoneExist(RequestDetails request) {
		String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
		if (ifNoneExist == null || ifNoneExist.isBlank()) {
			return;
		}
		String rewritten = MatchUrls.rewrite(rewriter, request.getResourceName(), ifNoneExist);
		if (!rewritten.equals(ifNoneExist)) {
			request.setHeaders(Constants.HEADER_IF_NONE_EXIST, List.of(rewritten));
		}
	}

	private void rewriteConditionalUrl(RequestDetails request, RestOperationTypeEnum operation) {
		String conditional = request.getConditionalUrl(operation);
		if (conditional == null) {
			return;
		}
		String complete = request.getCompleteUrl();
		int query = complete.indexOf('?');
		String rewritten = rewriter.rewriteUrl(complete);
		if (!rewritten.equals(complete)) {
			request.setCompleteUrl(rewritten);
		}
		// the parameter map of a conditional update or delete holds the same values
		if (query >= 0) {
			rewriteSearch(request);
		}
	}
}
