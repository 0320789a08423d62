package io.fhirnotary.interceptors.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses one scope token into a {@link ResourceScope}, or says it cannot.
 *
 * <p>Grammar accepted (SMART App Launch 2.x, section "Scopes for requesting FHIR resources"):
 * <pre>
 *   scope   = level "/" type "." ( v2letters [ "?" query ] | "read" | "write" | "*" )
 *   level   = "patient" | "user" | "system"
 *   type    = "*" | an upper-case FHIR resource type name
 *   v2letters = a non-empty subsequence of "cruds", in that order, no letter twice
 *   query   = name "=" value *( "&amp;" name "=" value )
 * </pre>
 * Version 1 suffixes take no query. Everything else is refused, so a token we do not understand
 * never grants anything.
 */
final class SmartScopeParser {

	private static final Pattern RESOURCE_TYPE = Pattern.compile("\\*|[A-Z][A-Za-z]{0,63}");
	private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:\\-]*");
	private static final String V2_ORDER = "cruds";

	private SmartScopeParser() {}

	/** True when the token claims to be a resource scope (starts with a context prefix and a slash). */
	static boolean looksLikeResourceScope(String token) {
		int slash = token.indexOf('/');
		return slash > 0 && ContextLevel.fromPrefix(token.substring(0, slash)).isPresent();
	}

	/** The parsed scope, or empty when the token is not a well-formed resource scope. */
	static Optional<ResourceScope> parse(String token) {
		int slash = token.indexOf('/');
		if (slash <= 0) {
			return Optional.empty();
		}
		Optional<ContextLevel> level = ContextLevel.fromPrefix(token.substring(0, slash));
		String rest = token.substring(slash + 1);
		int dot = rest.indexOf('.');
		if (level.isEmpty() || dot <= 0) {
			return Optional.empty();
		}
		String type = rest.substring(0, dot);
		if (!RESOURCE_TYPE.matcher(type).matches()) {
			return Optional.empty();
		}
		String permissions = rest.substring(dot + 1);
		String query = null;
		int question = permissions.indexOf('?');
		if (question >= 0) {
			query = permissions.substring(question + 1);
			permissions = permissions.substring(0, question);
		}
		Optional<Set<Interaction>> interactions = query == null ? v1OrV2(permissions) : v2(permissions);
		Optional<Map<String, List<String>>> restrictions = query == null ? Optional.of(Map.of()) : query(query);
		if (interactions.isEmpty() || restrictions.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new ResourceScope(level.get(), type, interactions.get(), restrictions.get(), token));
	}

	private static Optional<Set<Interaction>> v1OrV2(String permissions) {
		return switch (permissions) {
			case "read" -> Optional.of(Interaction.V1_READ);
			case "write" -> Optional.of(Interaction.V1_WRITE);
			case "*" -> Optional.of(EnumSet.allOf(Interaction.class));
			default -> v2(permissions);
		};
	}

	/** Letters must keep the canonical order; requiring it is what makes "rc" or "rr" malformed. */
	private static Optional<Set<Interaction>> v2(String letters) {
		if (letters.isEmpty()) {
			return Optional.empty();
		}
		Set<Interaction> granted = EnumSet.noneOf(Interaction.class);
		int previous = -1;
		for (char letter : letters.toCharArray()) {
			int position = V2_ORDER.indexOf(letter);
			if (position <= previous) {
				return Optional.empty();
			}
			previous = position;
			granted.add(Interaction.fromLetter(letter).orElseThrow());
		}
		return Optional.of(granted);
	}

	private static Optional<Map<String, List<String>>> query(String query) {
		if (query.isEmpty()) {
			return Optional.empty();
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			if (equals <= 0 || equals == pair.length() - 1) {
				return Optional.empty();
			}
			String name = pair.substring(0, equals);
			if (!PARAMETER_NAME.matcher(name).matches()) {
				return Optional.empty();
			}
			parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(pair.substring(equals + 1));
		}
		return Optional.of(parameters);
	}
}
