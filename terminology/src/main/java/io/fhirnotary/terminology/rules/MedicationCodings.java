package io.fhirnotary.terminology.rules;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The codings that say which medication a MedicationRequest is for. */
final class MedicationCodings {

	private MedicationCodings() {}

	/**
	 * {@code medicationCodeableConcept.coding}, or the {@code code.coding} of the Medication that
	 * {@code medicationReference} points at (contained, or found by {@code medications}).
	 * Empty when the medication cannot be seen.
	 */
	static List<Coding> of(MedicationRequest request, ReferencedMedications medications) {
		if (request.hasMedicationCodeableConcept()) {
			return request.getMedicationCodeableConcept().getCoding();
		}
		if (request.hasMedicationReference()) {
			return medication(request, request.getMedicationReference(), medications)
					.map(medication -> medication.getCode().getCoding())
					.orElse(List.of());
		}
		return List.of();
	}

	private static Optional<Medication> medication(
			MedicationRequest request, Reference reference, ReferencedMedications medications) {
		if (reference.getResource() instanceof Medication inline) {
			return Optional.of(inline);
		}
		String target = reference.getReference();
		if (target != null && target.startsWith("#")) {
			for (Resource contained : request.getContained()) {
				if (contained instanceof Medication medication && matchesLocalId(medication, target.substring(1))) {
					return Optional.of(medication);
				}
			}
			return Optional.empty();
		}
		return medications.resolve(reference);
	}

	/** HAPI keeps contained ids with or without the leading '#', depending on how it parsed them. */
	private static boolean matchesLocalId(Medication medication, String localId) {
		String id = medication.getIdElement().getIdPart();
		if (id == null) {
			id = medication.getId();
		}
		return id != null && (id.equals(localId) || id.equals("#" + localId));
	}
}
