package io.fhirnotary.server.crypto;

import io.fhirnotary.server.consent.PatientOfResource;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Which compartment's data key protects a version (its body, and the secrets kept with it such as
 * the notary's leaf salt): the patient's when the resource is in exactly one patient's compartment,
 * else the shared key. AuditEvents and {@link PublicDefinitions} always take the shared key: the
 * trail of who saw a patient's record is the server's accountability record and must outlive the
 * patient's erasure (it holds references, not clinical content).
 */
final class BodyCompartment {

	private BodyCompartment() {}

	static String of(String resourceType, IBaseResource resource, PatientOfResource patients) {
		if ("AuditEvent".equals(resourceType) || PublicDefinitions.contains(resourceType)) {
			return CompartmentKeys.SHARED;
		}
		PatientOfResource.Owners owners = patients.of(resource);
		return owners.patients().size() == 1 ? CompartmentKeys.compartmentOf(owners.any().id()) : CompartmentKeys.SHARED;
	}
}
