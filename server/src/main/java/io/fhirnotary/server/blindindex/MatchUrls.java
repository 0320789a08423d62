package io.fhirnotary.server.blindindex;

import io.fhirnotary.interceptors.blindindex.SearchParameterRewriter;

/**
 * Match URLs come as {@code Type?params}, as a bare {@code params} (an {@code If-None-Exist} for the
 * type being created) or absolute; the rewritten URL keeps the form it came in.
 */
final class MatchUrls {

	private MatchUrls() {}

	static String rewrite(SearchParameterRewriter rewriter, String resourceType, String matchUrl) {
		if (matchUrl == null || matchUrl.isBlank()) {
			return matchUrl;
		}
		if (matchUrl.contains("?")) {
			return rewriter.rewriteUrl(matchUrl);
		}
		if (resourceType == null) {
			return matchUrl;
		}
		String prefix = resourceType + "?";
		String rewritten = rewriter.rewriteUrl(prefix + matchUrl);
		return rewritten.substring(prefix.length());
	}
}
