package io.fhirnotary.server.consent;

import io.fhirnotary.interceptors.consent.ResourceReferences;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which included resources of a page may stay once consent has taken some resources out.
 *
 * <p>HAPI follows {@code _include}/{@code _revinclude} (and {@code :iterate}) before consent has
 * judged every resource on the way: on a later page of a search, matches are loaded from HAPI's
 * result cache and their includes collected before the matches are checked again, and an iterate
 * step passes through resources the caller will not see. An included Medication or Practitioner
 * would then show what a hidden prescription or observation referred to. So an included resource
 * stays only if a chain of requested include steps reaches it from the page's visible matches
 * through visible resources — exactly what HAPI would have included had the hidden resources
 * never existed. Non-iterate steps start from the matches only (includes also from the
 * revincluded resources, as HAPI does); iterate steps from everything reached.
 *
 * <p>For {@code $everything}, where HAPI adds whatever the compartment refers to, see
 * {@link #unreferencedFrom}. Pure: references come from a {@link Links} function.
 */
final class IncludeReachability {

	/** The local references a resource holds under a search parameter ({@code *}: under any). */
	@FunctionalInterface
	interface Links {
		Set<ResourceRef> of(Resource source, String searchParameter);
	}

	/**
	 * One requested include step.
	 *
	 * @param sourceType type of the resource holding the reference, or {@code *}
	 * @param parameter  the reference search parameter, or {@code *}
	 * @param targetType the type the reference must point at, or null for any
	 * @param reverse    {@code _revinclude}
	 * @param iterate    {@code :iterate} (or the older {@code :recurse})
	 */
	record Step(String sourceType, String parameter, String targetType, boolean reverse, boolean iterate) {

		static final String ANY = "*";

		/** {@code Type:param[:Target]} or {@code *}; empty for anything else. */
		static Optional<Step> parse(String value, boolean reverse, boolean iterate) {
			if (value == null || value.isBlank()) {
				return Optional.empty();
			}
			String[] parts = value.trim().split(":");
			if (parts.length == 1 && ANY.equals(parts[0])) {
				return Optional.of(new Step(ANY, ANY, null, reverse, iterate));
			}
			if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
				return Optional.empty();
			}
			return Optional.of(new Step(parts[0], parts[1], parts.length == 3 ? parts[2] : null, reverse, iterate));
		}

		boolean startsAt(Resource resource) {
			return ANY.equals(sourceType) || sourceType.equals(resource.fhirType());
		}

		boolean endsAt(ResourceRef target) {
			return targetType == null || targetType.equals(target.type());
		}
	}

	private IncludeReachability() {}

	/**
	 * @param matches  the page's visible matches
	 * @param included the page's included resources (already judged visible one by one)
	 * @param steps    the include steps the search asked for
	 * @return the included resources no chain of steps reaches through visible resources
	 */
	static List<Resource> unreachable(List<Resource> matches, List<Resource> included, List<Step> steps, Links links) {
		Set<Resource> reached = identitySet();
		Set<ResourceRef> matchIds = ids(matches);
		for (Resource candidate : included) {
			if (reachesAny(candidate, matchIds, steps, step -> step.reverse() && !step.iterate(), links)) {
				reached.add(candidate);
			}
		}
		List<Resource> fromMatches = new ArrayList<>(matches);
		fromMatches.addAll(reached);
		reached.addAll(targetsOf(fromMatches, included, steps, step -> !step.reverse() && !step.iterate(), links));

		boolean grew = true;
		while (grew) {
			List<Resource> sources = new ArrayList<>(matches);
			sources.addAll(reached);
			Set<ResourceRef> sourceIds = ids(sources);
			int before = reached.size();
			reached.addAll(targetsOf(sources, included, steps, step -> !step.reverse() && step.iterate(), links));
			for (Resource candidate : included) {
				if (reachesAny(candidate, sourceIds, steps, step -> step.reverse() && step.iterate(), links)) {
					reached.add(candidate);
				}
			}
			grew = reached.size() > before;
		}
		List<Resource> unreached = new ArrayList<>();
		for (Resource candidate : included) {
			if (!reached.contains(candidate)) {
				unreached.add(candidate);
			}
		}
		return unreached;
	}

	/**
	 * For {@code $everything}: of {@code others} (resources outside any patient compartment), the
	 * ones no resource of {@code anchors} (visible compartment resources) refers to, directly or
	 * through other resources of {@code others} that stay.
	 */
	static List<Resource> unreferencedFrom(List<Resource> anchors, List<Resource> others) {
		Set<ResourceRef> referenced = new LinkedHashSet<>();
		anchors.forEach(anchor -> referenced.addAll(ResourceReferences.outgoing(anchor)));
		Set<Resource> kept = identitySet();
		boolean grew = true;
		while (grew) {
			grew = false;
			for (Resource other : others) {
				Optional<ResourceRef> id = ResourceReferences.identity(other);
				if (!kept.contains(other) && id.isPresent() && referenced.contains(id.get())) {
					kept.add(other);
					referenced.addAll(ResourceReferences.outgoing(other));
					grew = true;
				}
			}
		}
		List<Resource> unreferenced = new ArrayList<>();
		for (Resource other : others) {
			if (!kept.contains(other)) {
				unreferenced.add(other);
			}
		}
		return unreferenced;
	}

	private static Set<Resource> targetsOf(
			List<Resource> sources, List<Resource> included, List<Step> steps, Predicate<Step> which, Links links) {
		Set<ResourceRef> targets = new LinkedHashSet<>();
		for (Resource source : sources) {
			for (Step step : steps) {
				if (which.test(step) && step.startsAt(source)) {
					links.of(source, step.parameter()).stream().filter(step::endsAt).forEach(targets::add);
				}
			}
		}
		Set<Resource> found = identitySet();
		for (Resource candidate : included) {
			ResourceReferences.identity(candidate).filter(targets::contains).ifPresent(ignored -> found.add(candidate));
		}
		return found;
	}

	/** Whether {@code candidate} refers, by one of the chosen reverse steps, to one of {@code ids}. */
	private static boolean reachesAny(
			Resource candidate, Set<ResourceRef> ids, List<Step> steps, Predicate<Step> which, Links links) {
		for (Step step : steps) {
			if (which.test(step) && step.startsAt(candidate)) {
				for (ResourceRef target : links.of(candidate, step.parameter())) {
					if (ids.contains(target) && step.endsAt(target)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static Set<ResourceRef> ids(Collection<Resource> resources) {
		Set<ResourceRef> ids = new LinkedHashSet<>();
		resources.forEach(resource -> ResourceReferences.identity(resource).ifPresent(ids::add));
		return ids;
	}

	private static Set<Resource> identitySet() {
		return Collections.newSetFromMap(new IdentityHashMap<>());
	}
}
