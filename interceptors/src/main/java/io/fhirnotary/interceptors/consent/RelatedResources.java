package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a resource named in a Consent refers to — needed for {@code provision.data} with meaning
 * {@code related} ("the instance and instances it refers to"), because the decision function only
 * holds the resource being shown, not the one the Consent names.
 *
 * <p>The adapter answers from storage (usually one read of the named resource, see
 * {@link ResourceReferences#outgoing(Resource)}). "Don't know" is an answer too: a permit then
 * covers only the named instance and a deny covers everything (fail closed).
 */
@FunctionalInterface
public interface RelatedResources {

	/** Knows nothing: {@code related} behaves like {@code instance} for permits. */
	RelatedResources UNKNOWN = named -> Optional.empty();

	/**
	 * @param named the resource a {@code provision.data.reference} names
	 * @return the local references it holds, or empty when it could not be looked up
	 */
	Optional<Set<ResourceRef>> referencedBy(ResourceRef named);

	/** Answers from resources already at hand (tests, or an adapter that preloaded them). */
	static RelatedResources of(Collection<? extends Resource> resources) {
		Map<ResourceRef, Set<ResourceRef>> byReference = new HashMap<>();
		for (Resource resource : resources) {
			ResourceReferences.identity(resource)
					.ifPresent(self -> byReference.put(self, ResourceReferences.outgoing(resource)));
		}
		Map<ResourceRef, Set<ResourceRef>> frozen = Map.copyOf(byReference);
		return named -> Optional.ofNullable(frozen.get(named));
	}
}
