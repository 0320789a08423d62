package io.fhirnotary.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Finds conditional references ({@code "reference": "Patient?identifier=..."}) in a resource being
 * written. HAPI resolves them by searching as the writer: whether the write then succeeds, fails
 * with "no match" or with "several matches" tells the writer about resources it may not see.
 */
final class ConditionalReferences {

	private final FhirTerser terser;

	ConditionalReferences(FhirContext fhirContext) {
		this.terser = fhirContext.newTerser();
	}

	boolean presentIn(IBaseResource resource) {
		if (resource == null) {
			return false;
		}
		for (IBaseReference reference : terser.getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
			String value = reference.getReferenceElement().getValue();
			if (value != null && value.indexOf('?') >= 0) {
				return true;
			}
		}
		return false;
	}
}
