package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads references out of R4 resources without a {@code FhirContext}: a resource's own
 * {@code Type/id}, and every local reference it holds anywhere (extensions and contained resources
 * included). Consent {@code data} provisions with meaning {@code dependents} and {@code related}
 * are decided with these.
 */
public final class ResourceReferences {

	private ResourceReferences() {}

	/** The resource's own {@code Type/id}, or empty when it has no usable id. */
	public static Optional<ResourceRef> identity(Resource resource) {
		if (resource == null || !resource.hasIdElement()) {
			return Optional.empty();
		}
		String id = resource.getIdElement().getIdPart();
		if (id == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new ResourceRef(resource.fhirType(), id));
		} catch (IllegalArgumentException notALocalId) {
			return Optional.empty();
		}
	}

	/**
	 * Every local reference ({@code Type/id}, versions dropped) the resource holds. References we
	 * cannot tie to this server (absolute URLs, {@code #contained}, logical) are left out.
	 *
	 * <p>Walks the whole element tree once; call it only when a provision needs it.
	 */
	public static Set<ResourceRef> outgoing(Resource resource) {
		Set<ResourceRef> found = new LinkedHashSet<>();
		if (resource == null) {
			return Set.of();
		}
		Deque<Base> pending = new ArrayDeque<>();
		pending.push(resource);
		while (!pending.isEmpty()) {
			Base element = pending.pop();
			if (element instanceof Reference reference && reference.hasReference()) {
				ResourceRef.parse(reference.getReference()).ifPresent(found::add);
			}
			for (Property property : element.children()) {
				for (Base child : property.getValues()) {
					if (child != null) {
						pending.push(child);
					}
				}
			}
		}
		return Collections.unmodifiableSet(found);
	}
}
