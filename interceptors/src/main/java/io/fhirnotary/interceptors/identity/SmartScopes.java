package io.fhirnotary.interceptors.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The scopes of one access token, parsed once and asked pure questions.
 *
 * <p>Three kinds of token end up in three places: well-formed resource scopes in
 * {@link #resourceScopes()}, tokens that are not resource scopes at all ({@code openid},
 * {@code fhirUser}, {@code launch/patient}, {@code offline_access}, an issuer's own scopes) in
 * {@link #otherScopes()}, and tokens that start like a resource scope but are malformed in
 * {@link #rejected()}. Rejected tokens grant nothing and do not fail the request; the adapter logs
 * them (scope strings carry no patient data).
 *
 * <p><b>Restricted scopes grant nothing here.</b> A SMART v2 query suffix such as
 * {@code patient/Observation.rs?category=laboratory} narrows which resources a scope covers. The
 * decision functions do not evaluate those queries, so {@link #allows} ignores restricted scopes
 * rather than treat them as unrestricted (fail closed). They stay visible through
 * {@link #resourceScopes()} for an adapter that wants to enforce them by search narrowing.
 *
 * @param resourceScopes well-formed resource scopes, in token order
 * @param otherScopes    non-resource scopes, in token order, duplicates removed
 * @param rejected       malformed resource-scope tokens, in token order
 */
public record SmartScopes(List<ResourceScope> resourceScopes, Set<String> otherScopes, List<String> rejected) {

	/** A token without scopes. */
	public static final SmartScopes NONE = new SmartScopes(List.of(), Set.of(), List.of());

	public SmartScopes {
		resourceScopes = List.copyOf(resourceScopes);
		otherScopes = Collections.unmodifiableSet(new LinkedHashSet<>(otherScopes));
		rejected = List.copyOf(rejected);
	}

	/** Parses an OAuth2 {@code scope} claim: tokens separated by whitespace; null or blank means none. */
	public static SmartScopes parse(String scopeClaim) {
		if (scopeClaim == null || scopeClaim.isBlank()) {
			return NONE;
		}
		return of(List.of(scopeClaim.trim().split("\\s+")));
	}

	/** Parses scopes already split into tokens (some issuers send {@code scp} as a JSON array). */
	public static SmartScopes of(Collection<String> tokens) {
		List<ResourceScope> scopes = new ArrayList<>();
		Set<String> others = new LinkedHashSet<>();
		List<String> rejected = new ArrayList<>();
		for (String raw : tokens) {
			String token = raw == null ? "" : raw.trim();
			if (token.isEmpty()) {
				continue;
			}
			if (!SmartScopeParser.looksLikeResourceScope(token)) {
				others.add(token);
				continue;
			}
			SmartScopeParser.parse(token).ifPresentOrElse(scopes::add, () -> rejected.add(token));
		}
		return new SmartScopes(scopes, others, rejected);
	}

	/**
	 * Whether an unrestricted scope grants the interaction on the resource type at the level.
	 *
	 * @param level        the context level the caller's path requires
	 * @param resourceType a concrete FHIR resource type such as {@code MedicationRequest}
	 * @param interaction  the interaction asked for
	 */
	public boolean allows(ContextLevel level, String resourceType, Interaction interaction) {
		Objects.requireNonNull(level, "level");
		Objects.requireNonNull(interaction, "interaction");
		if (resourceType == null) {
			return false;
		}
		for (ResourceScope scope : resourceScopes) {
			if (!scope.isRestricted() && scope.grants(level, resourceType, interaction)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the scopes let the caller see resources of the type at the level: read or search suffices. */
	public boolean allowsSeeing(ContextLevel level, String resourceType) {
		return allows(level, resourceType, Interaction.READ) || allows(level, resourceType, Interaction.SEARCH);
	}

	/** Like {@link #allowsSeeing(ContextLevel, String)} at any of the given levels. */
	public boolean allowsSeeingAtAny(Set<ContextLevel> levels, String resourceType) {
		for (ContextLevel level : levels) {
			if (allowsSeeing(level, resourceType)) {
				return true;
			}
		}
		return false;
	}

	/** Like {@link #allows} at any of the given levels. */
	public boolean allowsAtAny(Set<ContextLevel> levels, String resourceType, Interaction interaction) {
		for (ContextLevel level : levels) {
			if (allows(level, resourceType, interaction)) {
				return true;
			}
		}
		return false;
	}

	/** The context levels of all well-formed resource scopes, restricted ones included. */
	public Set<ContextLevel> contextLevels() {
		Set<ContextLevel> levels = EnumSet.noneOf(ContextLevel.class);
		resourceScopes.forEach(scope -> levels.add(scope.level()));
		return Collections.unmodifiableSet(levels);
	}

	/** Whether the token carried a non-resource scope such as {@code offline_access}. */
	public boolean hasOtherScope(String scope) {
		return otherScopes.contains(scope);
	}
}
