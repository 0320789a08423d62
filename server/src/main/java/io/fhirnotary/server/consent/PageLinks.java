package io.fhirnotary.server.consent;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleLinkComponent;

/**
 * Makes a search or history page say nothing about the resources consent took out of it.
 *
 * <ul>
 *   <li>{@code Bundle.total} goes: HAPI may count hidden resources (history counts every version,
 *       a search counts what its first passes found). A caller can count the pages instead.</li>
 *   <li>The {@code last} link goes: it is computed from that total.</li>
 *   <li>The {@code next} link stays only on a full page. A page comes back short when consent took
 *       resources out of it (HAPI cuts the page before it asks); a next link there would tell that
 *       hidden resources exist. A full page followed by an empty one remains possible.</li>
 * </ul>
 * Pure: works on the bundle alone.
 */
final class PageLinks {

	static final String NEXT = "next";
	static final String LAST = "last";
	private static final String COUNT = "_count";

	private PageLinks() {}

	/**
	 * @param bundle          a searchset or history page
	 * @param shown           how many matched resources (not includes, not outcomes) the page holds
	 *                        as HAPI left it, before anything else took entries out
	 * @param defaultPageSize the page size when the next link does not say
	 */
	static void hideWhatConsentRemoved(Bundle bundle, int shown, int defaultPageSize) {
		bundle.setTotalElement(null);
		List<BundleLinkComponent> kept = new ArrayList<>();
		for (BundleLinkComponent link : bundle.getLink()) {
			if (LAST.equals(link.getRelation())) {
				continue;
			}
			if (NEXT.equals(link.getRelation()) && shown < pageSize(link.getUrl(), defaultPageSize)) {
				continue;
			}
			kept.add(link);
		}
		bundle.setLink(kept);
	}

	static int pageSize(String url, int defaultPageSize) {
		List<String> counts = queryParameters(url).getOrDefault(COUNT, List.of());
		for (String count : counts) {
			try {
				int size = Integer.parseInt(count.trim());
				if (size > 0) {
					return size;
				}
			} catch (NumberFormatException notANumber) {
				// fall through to the default
			}
		}
		return defaultPageSize;
	}

	/** The query parameters of a URL, decoded, in order; empty for no URL or no query. */
	static Map<String, List<String>> queryParameters(String url) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (url == null) {
			return parameters;
		}
		String query;
		try {
			query = URI.create(url).getRawQuery();
		} catch (IllegalArgumentException unparseable) {
			int mark = url.indexOf('?');
			query = mark < 0 ? null : url.substring(mark + 1);
		}
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static String decode(String raw) {
		return URLDecoder.decode(raw, StandardCharsets.UTF_8);
	}
}
