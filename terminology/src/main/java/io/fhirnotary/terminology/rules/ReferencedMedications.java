package io.fhirnotary.terminology.rules;

import java.util.Optional;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Reference;

/**
 * Resolves {@code MedicationRequest.medicationReference} to the Medication it points at.
 *
 * <p>Contained Medications ({@code #id}) are resolved by the rules themselves; this is asked
 * only for other references. The server can answer from its database, or from the other entries
 * of a transaction bundle.
 */
@FunctionalInterface
public interface ReferencedMedications {

	Optional<Medication> resolve(Reference reference);

	/** Resolves nothing: only coded and contained medications are seen. */
	static ReferencedMedications none() {
		return reference -> Optional.empty();
	}
}
