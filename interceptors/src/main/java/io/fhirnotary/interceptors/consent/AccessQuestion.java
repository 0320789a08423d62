package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one provision is matched against: who asks, for which resource, when. Holds the
 * resource's outgoing references lazily because only {@code dependents} data provisions need
 * them and collecting them walks the whole resource.
 */
final class AccessQuestion {

	private final Caller caller;
	private final Resource resource;
	private final ResourceRef resourceRef;
	private final Instant now;
	private final RelatedResources related;
	private Set<ResourceRef> outgoing;

	AccessQuestion(Caller caller, Resource resource, Instant now, RelatedResources related) {
		this.caller = Objects.requireNonNull(caller, "caller");
		this.resource = Objects.requireNonNull(resource, "resource");
		this.now = Objects.requireNonNull(now, "now");
		this.related = related == null ? RelatedResources.UNKNOWN : related;
		this.resourceRef = ResourceReferences.identity(resource).orElse(null);
	}

	Caller caller() {
		return caller;
	}

	String resourceType() {
		return resource.fhirType();
	}

	/** The resource's own {@code Type/id}; null when it has none, which then matches no data provision. */
	ResourceRef resourceRef() {
		return resourceRef;
	}

	Instant now() {
		return now;
	}

	RelatedResources related() {
		return related;
	}

	Set<ResourceRef> outgoingReferences() {
		if (outgoing == null) {
			outgoing = ResourceReferences.outgoing(resource);
		}
		return outgoing;
	}
}
