package io.fhirnotary.interceptors.identity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One parsed SMART resource scope such as {@code patient/MedicationRequest.rs} or
 * {@code user/*.write}.
 *
 * @param level        the context the scope is granted in
 * @param resourceType a FHIR resource type, or {@code *} for every type
 * @param interactions what the scope permits (v1 {@code read}/{@code write}/{@code *} already
 *                     mapped to their v2 letters)
 * @param restrictions the SMART v2 query suffix ({@code ?category=laboratory}) as parameter name
 *                     to values, kept exactly as written (not URL-decoded); empty when there is none
 * @param token        the scope exactly as the token carried it, for logs
 */
public record ResourceScope(
		ContextLevel level,
		String resourceType,
		Set<Interaction> interactions,
		Map<String, List<String>> restrictions,
		String token) {

	/** The resource-type wildcard. */
	public static final String ANY_TYPE = "*";

	public ResourceScope {
		Objects.requireNonNull(level, "level");
		Objects.requireNonNull(resourceType, "resourceType");
		Objects.requireNonNull(token, "token");
		if (interactions.isEmpty()) {
			throw new IllegalArgumentException("a resource scope grants at least one interaction");
		}
		interactions = Collections.unmodifiableSet(EnumSet.copyOf(interactions));
		Map<String, List<String>> copy = new LinkedHashMap<>();
		restrictions.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		restrictions = Collections.unmodifiableMap(copy);
	}

	/** Whether this scope names the given resource type, directly or by wildcard. */
	public boolean coversType(String type) {
		return ANY_TYPE.equals(resourceType) || resourceType.equals(type);
	}

	/** True when the scope carries a query suffix narrowing which resources it covers. */
	public boolean isRestricted() {
		return !restrictions.isEmpty();
	}

	/** Whether this scope, ignoring its restrictions, grants the interaction on the type at the level. */
	public boolean grants(ContextLevel atLevel, String type, Interaction interaction) {
		return level == atLevel && coversType(type) && interactions.contains(interaction);
	}
}
