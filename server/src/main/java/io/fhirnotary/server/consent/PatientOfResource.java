package io.fhirnotary.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import io.fhirnotary.interceptors.consent.ResourceReferences;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whose Patient compartment a resource is in, by HAPI's R4 compartment definition
 * ({@link FhirTerser#getCompartmentReferencesForResource}): the Patients its compartment
 * parameters point at ({@code Observation.subject}, {@code AuditEvent.agent.who}, ...).
 *
 * <p>A Patient resource is owned by itself only. The compartment definition would also put it in
 * the compartments of the Patients it {@code link}s to, which would let another patient's Consents
 * hide a patient's own record from them; links are not followed.
 *
 * <p>An owner that cannot be tied to a local Patient — an absolute URL, a contained or
 * {@code urn:} reference, a reference without a type — makes the owner {@link Owners#unknown()
 * unknown}; the decision then treats the resource as patient data of nobody it can identify,
 * which only a custodian sees (fail closed).
 */
public final class PatientOfResource {

	private static final String PATIENT = "Patient";

	private final FhirContext fhirContext;
	private final FhirTerser terser;

	public PatientOfResource(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		this.terser = fhirContext.newTerser();
	}

	/**
	 * @param patients the local Patients whose compartment holds the resource (several when it
	 *                 names several, e.g. an AuditEvent about two patients)
	 * @param unknown  whether some compartment reference could not be tied to a local Patient
	 */
	public record Owners(Set<ResourceRef> patients, boolean unknown) {

		public Owners {
			patients = Set.copyOf(patients);
		}

		/** One of the owners (which one, when there are several, is unspecified), or null. */
		public ResourceRef any() {
			return patients.stream().findFirst().orElse(null);
		}
	}

	public Owners of(IBaseResource resource) {
		if (PATIENT.equals(fhirContext.getResourceType(resource))) {
			Optional<ResourceRef> self = ResourceReferences.identity((Resource) resource);
			return new Owners(self.map(Set::of).orElse(Set.of()), self.isEmpty());
		}
		Set<ResourceRef> patients = new LinkedHashSet<>();
		boolean[] unknown = {false};
		terser.getCompartmentReferencesForResource(PATIENT, resource, (Set<String>) null)
				.forEach(reference -> classify(reference, patients, unknown));
		return new Owners(patients, unknown[0]);
	}

	private static void classify(IBaseReference reference, Set<ResourceRef> patients, boolean[] unknown) {
		String value = reference.getReferenceElement().getValue();
		if ((value == null || value.isBlank()) && reference instanceof Reference r4 && r4.hasIdentifier()
				&& r4.getResource() == null && !PATIENT.equals(r4.getType())) {
			// Identifier only and not said to be a Patient (an AuditEvent's request id or client id):
			// no local resource, so no compartment. Safe to skip: a compartment type left with no
			// Patient at all is shown to custodians only (NO_PATIENT_FOR_PATIENT_DATA).
			return;
		}
		if (value == null || value.isBlank()) {
			// A contained Patient or a reference given only as a resource object: nobody we know.
			unknown[0] = true;
			return;
		}
		IdType id = new IdType(value);
		if (id.hasResourceType() && !PATIENT.equals(id.getResourceType())) {
			// Compartment paths without "where(resolve() is Patient)" also yield Groups and others.
			return;
		}
		Optional<ResourceRef> local = id.isAbsolute() ? Optional.empty() : ResourceRef.parse(value);
		local.filter(ref -> ref.isA(PATIENT)).ifPresentOrElse(patients::add, () -> unknown[0] = true);
	}
}
