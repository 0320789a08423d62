package io.fhirnotary.server.consent;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which search features a caller who does not see everything may use. Consent filters the
 * resources a search returns, one by one, after the database has matched them; a feature whose
 * answer depends on resources the caller cannot see would reveal them. Those are refused:
 *
 * <ul>
 *   <li>chained parameters ({@code subject.name=...}, {@code subject:Patient.name=...}), reverse
 *       chains ({@code _has:...}) and sorting on a chain: they select or order resources by the
 *       content of other resources, which may be hidden — an existence oracle;</li>
 *   <li>{@code _summary=count} and {@code _total} other than {@code none}: HAPI counts in SQL,
 *       hidden resources included;</li>
 *   <li>{@code _offset}: HAPI cuts offset pages before consent filters them, so which offsets come
 *       back empty tells how many hidden resources precede the visible ones;</li>
 *   <li>{@code _list}, {@code _query}, {@code _filter}, {@code _content}, {@code _text},
 *       {@code _contained}, {@code _containedType}: membership in another resource, named queries
 *       and free-text or expression filters that this adapter cannot evaluate over visible
 *       resources only (most are switched off anyway; refusing is the safe answer).</li>
 * </ul>
 * Pure: parameter names and values in, a reason out.
 */
final class SearchParameterPolicy {

	private static final Set<String> REFUSED_NAMES =
			Set.of("_list", "_query", "_filter", "_content", "_text", "_contained", "_containedtype");

	private SearchParameterPolicy() {}

	/**
	 * @param parameters    the request's parameters, names as sent (modifiers included)
	 * @param offsetAllowed whether {@code _offset} is HAPI's own paging here (instance history)
	 * @return why the request is refused, or empty when it may run
	 */
	static Optional<String> refusal(Map<String, String[]> parameters, boolean offsetAllowed) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			String[] values = parameter.getValue() == null ? new String[0] : parameter.getValue();
			String base = baseName(name).toLowerCase(Locale.ROOT);
			if (base.equals("_has")) {
				return Optional.of("_has (reverse chaining) is not available to this caller");
			}
			if (name.indexOf('.') >= 0) {
				return Optional.of("chained search parameters are not available to this caller");
			}
			if (REFUSED_NAMES.contains(base)) {
				return Optional.of(base + " is not available to this caller");
			}
			if (base.equals("_summary") && anyValueIs(values, "count")) {
				return Optional.of("_summary=count is not available to this caller");
			}
			if (base.equals("_total") && !allValuesAre(values, "none")) {
				return Optional.of("_total is not available to this caller");
			}
			if (base.equals("_offset") && !offsetAllowed) {
				return Optional.of("_offset is not available to this caller; follow the bundle's next link");
			}
			if (base.equals("_sort") && anyValueContains(values, '.')) {
				return Optional.of("sorting on a chained parameter is not available to this caller");
			}
		}
		return Optional.empty();
	}

	/** {@code code:not} → {@code code}; {@code _has:Observation:patient:code} → {@code _has}. */
	static String baseName(String name) {
		int colon = name.indexOf(':');
		return colon < 0 ? name : name.substring(0, colon);
	}

	private static boolean anyValueIs(String[] values, String wanted) {
		for (String value : values) {
			for (String part : value.split(",")) {
				if (part.trim().equalsIgnoreCase(wanted)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean allValuesAre(String[] values, String wanted) {
		for (String value : values) {
			if (!value.trim().equalsIgnoreCase(wanted)) {
				return false;
			}
		}
		return true;
	}

	private static boolean anyValueContains(String[] values, char wanted) {
		for (String value : values) {
			if (value.indexOf(wanted) >= 0) {
				return true;
			}
		}
		return false;
	}
}
