package io.fhirnotary.interceptors.blindindex;

import io.fhirnotary.interceptors.audit.AuditEventSearchParameters;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites the parameters of a search, conditional URL or match URL so that they ask the blind
 * index what the client asked in clear: every value of a blinded token parameter becomes its
 * {@link BlindTokens blind form} (the system of {@code system|value} stays clear), chains and
 * {@code _has} are followed to the parameter they end in, and whatever the blind index cannot
 * answer is refused with {@link UnsupportedBlindSearchException}.
 *
 * <p>Idempotent: values already blinded are left alone, so every entry point may apply it.
 */
public final class SearchParameterRewriter {

	private static final String HAS = "_has:";
	private static final String SORT = "_sort";

	private final BlindIndexPolicy policy;
	private final BlindTokens tokens;
	private final SearchParameterCatalog catalog;

	public SearchParameterRewriter(BlindIndexPolicy policy, BlindTokens tokens, SearchParameterCatalog catalog) {
		this.policy = policy;
		this.tokens = tokens;
		this.catalog = catalog;
	}

	/**
	 * The rewritten parameters (name → values, each value possibly a comma-separated list) of a
	 * search on {@code resourceType} ({@code null} for a system-level search), in the same order.
	 */
	public Map<String, List<String>> rewrite(String resourceType, Map<String, List<String>> parameters) {
		Map<String, List<String>> rewritten = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			Parameter parameter = rewriteParameter(resourceType, name, values);
			rewritten.computeIfAbsent(parameter.name(), n -> new ArrayList<>()).addAll(parameter.values());
		});
		return rewritten;
	}

	/**
	 * The rewritten form of a URL such as {@code Patient?identifier=sys|123} (also with a base
	 * before the type); returned unchanged when nothing in it needs rewriting.
	 */
	public String rewriteUrl(String url) {
		int query = url == null ? -1 : url.indexOf('?');
		if (query < 0) {
			return url;
		}
		String path = url.substring(0, query);
		String resourceType = resourceTypeOf(path);
		List<String[]> pairs = parseQuery(url.substring(query + 1));
		StringBuilder out = new StringBuilder(path).append('?');
		boolean changed = false;
		for (String[] pair : pairs) {
			Parameter parameter = rewriteParameter(resourceType, pair[0], List.of(pair[1]));
			String value = parameter.values().get(0);
			changed |= !parameter.name().equals(pair[0]) || !value.equals(pair[1]);
			if (out.charAt(out.length() - 1) != '?') {
				out.append('&');
			}
			out.append(encode(parameter.name())).append('=').append(encode(value));
		}
		return changed ? out.toString() : url;
	}

	/**
	 * The blind form of one literal (unescaped) token value searched with {@code name} (a code with an
	 * optional modifier) on {@code resourceType}, or the value itself when the parameter stays clear
	 * or the value is already blind. For callers that hold parsed parameters rather than strings.
	 */
	public String rewriteTokenValue(String resourceType, String name, String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		String escaped = value.replace("\\", "\\\\").replace(",", "\\,").replace("|", "\\|").replace("$", "\\$");
		String rewritten = rewriteParameter(resourceType, name, List.of(escaped)).values().get(0);
		return rewritten.equals(escaped) ? value : rewritten;
	}

	private Parameter rewriteParameter(String resourceType, String name, List<String> values) {
		if (name.startsWith(HAS)) {
			return rewriteHas(name, values);
		}
		if (name.equals(SORT)) {
			checkSort(resourceType, values);
			return new Parameter(name, values);
		}
		int dot = name.indexOf('.');
		if (dot > 0) {
			return rewriteChain(resourceType, name.substring(0, dot), name.substring(dot + 1), values);
		}
		int colon = name.indexOf(':');
		String code = colon < 0 ? name : name.substring(0, colon);
		String modifier = colon < 0 ? null : name.substring(colon + 1);
		Optional<BlindTokenParameters.Replacement> replacement = replacementFor(resourceType, code);
		if (replacement.isPresent()) {
			return rewriteBlind(replacement.get().indexCode(), modifier, replacement.get().normaliser(), values);
		}
		Optional<SearchParamKind> kind = catalog.kindOf(resourceType, code);
		if (kind.isEmpty()) {
			return new Parameter(name, values);
		}
		Treatment treatment = policy.treatmentOf(resourceType, code, kind.get());
		return switch (treatment.kind()) {
			case CLEAR -> new Parameter(name, values);
			case DISABLED -> throw new UnsupportedBlindSearchException("Search parameter '" + code + "' of "
					+ describe(resourceType) + " is disabled on this server: "
					+ (AuditEventSearchParameters.isUnindexed(resourceType, code)
							? "the audit trail is indexed by patient, entity, agent, source, date, type, subtype, action and outcome"
							: "it would need personal data in clear in the search index"));
			case BLIND -> rewriteBlind(code, modifier, treatment.normaliser(), values);
		};
	}

	private Parameter rewriteBlind(String code, String modifier, Normaliser normaliser, List<String> values) {
		if ("missing".equals(modifier)) {
			return new Parameter(code + ":" + modifier, values);
		}
		String name;
		if (modifier == null) {
			name = code;
		} else if (modifier.equals("not")) {
			name = code + ":not";
		} else if (modifier.equals("exact") && normaliser == Normaliser.TEXT) {
			name = code; // blind name and address tokens always match exactly
		} else {
			throw new UnsupportedBlindSearchException("Modifier ':" + modifier + "' is not supported on search parameter '"
					+ code + "': its values are stored as blind tokens, which match exact values only");
		}
		List<String> rewritten = new ArrayList<>(values.size());
		for (String value : values) {
			rewritten.add(rewriteValueList(code, normaliser, value));
		}
		return new Parameter(name, rewritten);
	}

	private String rewriteValueList(String code, Normaliser normaliser, String valueList) {
		if (valueList == null || valueList.isEmpty()) {
			return valueList;
		}
		List<String> alternatives = splitUnescaped(valueList, ',');
		List<String> rewritten = new ArrayList<>(alternatives.size());
		for (String alternative : alternatives) {
			rewritten.add(rewriteValue(code, normaliser, alternative));
		}
		return String.join(",", rewritten);
	}

	private String rewriteValue(String code, Normaliser normaliser, String token) {
		int bar = indexOfUnescaped(token, '|');
		String system = bar < 0 ? null : token.substring(0, bar);
		String value = unescape(bar < 0 ? token : token.substring(bar + 1));
		if (value.isEmpty() || BlindTokens.isBlinded(value)) {
			return token;
		}
		if (!normaliser.isValidQueryValue(value) || (system != null && normaliser == Normaliser.DATE)) {
			throw new UnsupportedBlindSearchException("Search parameter '" + code + "' matches exact dates only "
					+ "(yyyy, yyyy-mm or yyyy-mm-dd, no prefixes such as ge or lt)");
		}
		String blind = tokens.blindQueryValue(value, normaliser);
		return system == null ? blind : system + "|" + blind;
	}

	private Parameter rewriteHas(String name, List<String> values) {
		// _has:Type:reference:parameter, where parameter may itself be a chain or another _has
		String[] parts = name.split(":", 4);
		if (parts.length < 4) {
			return new Parameter(name, values);
		}
		Parameter inner = rewriteParameter(parts[1], parts[3], values);
		return new Parameter(HAS + parts[1] + ":" + parts[2] + ":" + inner.name(), inner.values());
	}

	private Parameter rewriteChain(String resourceType, String head, String tail, List<String> values) {
		int colon = head.indexOf(':');
		String reference = colon < 0 ? head : head.substring(0, colon);
		Set<String> targets = colon < 0
				? catalog.referenceTargets(resourceType, reference)
				: Set.of(head.substring(colon + 1));
		Set<Parameter> outcomes = new LinkedHashSet<>();
		for (String target : targets) {
			String tailCode = tail.split("[.:]", 2)[0];
			if (tail.startsWith(HAS) || isKnown(target, tailCode)) {
				outcomes.add(rewriteParameter(target, tail, values));
			}
		}
		if (targets.isEmpty() && !isKnown(null, tail.split("[.:]", 2)[0])) {
			throw new UnsupportedBlindSearchException("Chained search through '" + reference + "' needs the target "
					+ "type on this server: write " + reference + ":[type]." + tail);
		}
		if (outcomes.isEmpty()) {
			return new Parameter(head + "." + tail, values);
		}
		if (outcomes.size() > 1) {
			throw new UnsupportedBlindSearchException("Chained search through '" + reference + "' reaches types that "
					+ "index '" + tail + "' differently: name the type, " + reference + ":[type]." + tail);
		}
		Parameter only = outcomes.iterator().next();
		return new Parameter(head + "." + only.name(), only.values());
	}

	private void checkSort(String resourceType, List<String> values) {
		for (String value : values) {
			for (String field : value.split(",")) {
				String code = field.trim().replaceFirst("^-", "");
				if (code.isEmpty()) {
					continue;
				}
				Optional<SearchParamKind> kind = catalog.kindOf(resourceType, code);
				boolean blind = replacementFor(resourceType, code).isPresent()
						|| kind.isPresent() && policy.treatmentOf(resourceType, code, kind.get()).kind() != Treatment.Kind.CLEAR;
				if (blind) {
					throw new UnsupportedBlindSearchException("Sorting by '" + code + "' is not supported on this server: "
							+ "its values are stored as blind tokens, which have no order");
				}
			}
		}
	}

	private boolean isKnown(String resourceType, String code) {
		return replacementFor(resourceType, code).isPresent() || catalog.kindOf(resourceType, code).isPresent();
	}

	private static Optional<BlindTokenParameters.Replacement> replacementFor(String resourceType, String code) {
		return resourceType == null ? Optional.empty() : BlindTokenParameters.replacementFor(resourceType, code);
	}

	private static String describe(String resourceType) {
		return resourceType == null ? "system-level searches" : resourceType;
	}

	private static String resourceTypeOf(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
		return last.isEmpty() ? null : last;
	}

	private static List<String[]> parseQuery(String query) {
		List<String[]> pairs = new ArrayList<>();
		for (String part : query.split("&")) {
			if (part.isEmpty()) {
				continue;
			}
			int equals = part.indexOf('=');
			String name = equals < 0 ? part : part.substring(0, equals);
			String value = equals < 0 ? "" : part.substring(equals + 1);
			pairs.add(new String[] {decode(name), decode(value)});
		}
		return pairs;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** Splits on {@code separator} where it is not escaped with a backslash (FHIR search escaping). */
	static List<String> splitUnescaped(String text, char separator) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				current.append(c).append(text.charAt(++i));
			} else if (c == separator) {
				parts.add(current.toString());
				current.setLength(0);
			} else {
				current.append(c);
			}
		}
		parts.add(current.toString());
		return parts;
	}

	private static int indexOfUnescaped(String text, char wanted) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == wanted) {
				return i;
			}
		}
		return -1;
	}

	/** The literal value: {@code \,} {@code \|} {@code \$} {@code \\} stand for the character itself. */
	static String unescape(String text) {
		if (text.indexOf('\\') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				out.append(text.charAt(++i));
			} else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private record Parameter(String name, List<String> values) {
		Parameter {
			Objects.requireNonNull(name, "name");
			values = List.copyOf(values);
		}
	}
}
