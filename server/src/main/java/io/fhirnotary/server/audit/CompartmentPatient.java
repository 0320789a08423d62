package io.fhirnotary.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The Patient whose compartment holds a resource, for filing its audit record under that patient
 * (so "who looked at my prescriptions" finds it). A Patient is in its own compartment; a resource
 * in several compartments is filed under the first, the order FHIR's compartment definition gives.
 */
final class CompartmentPatient {

	private final FhirContext fhirContext;

	CompartmentPatient(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	ResourceRef of(IBaseResource resource) {
		String type = fhirContext.getResourceType(resource);
		if ("Patient".equals(type)) {
			IIdType id = resource.getIdElement();
			return id.hasIdPart() ? new ResourceRef("Patient", id.getIdPart()) : null;
		}
		FhirTerser terser = fhirContext.newTerser();
		List<IIdType> owners = terser.getCompartmentOwnersForResource("Patient", resource, Set.of());
		for (IIdType owner : owners) {
			if (owner.hasIdPart() && (!owner.hasResourceType() || "Patient".equals(owner.getResourceType())) && !owner.isAbsolute()) {
				return new ResourceRef("Patient", owner.getIdPart());
			}
		}
		return null;
	}
}
