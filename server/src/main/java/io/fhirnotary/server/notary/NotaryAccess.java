package io.fhirnotary.server.notary;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.security.CurrentCaller;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Who may call the notary operations (DESIGN §5): auditors and custodian systems for any resource
 * (the answers hold hashes, proofs and chain data, never clinical content); a patient for the
 * records in their own compartment; nobody else. A patient asking about someone else's record gets
 * the same 404 as for an id that does not exist, as everywhere on this server; the status of the
 * whole notary is for auditors and custodians only.
 */
final class NotaryAccess {

	private final CurrentCaller currentCaller;
	private final PatientOfResource patientOf;

	NotaryAccess(CurrentCaller currentCaller, PatientOfResource patientOf) {
		this.currentCaller = currentCaller;
		this.patientOf = patientOf;
	}

	/** Refuses (403) a caller who may not ask the notary about any resource. */
	void checkMayAskAboutResources(RequestDetails request) {
		Optional<Caller> caller = currentCaller.of(request);
		if (caller.isEmpty() || caller.get().auditor() || caller.get().custodian() || caller.get().isPatient()) {
			return;
		}
		throw forbidden("notary receipts and verification results are for auditors, custodians and the patient the record is about");
	}

	/**
	 * Refuses (404, as for an unknown id) a patient asking about a version outside their compartment.
	 *
	 * @param resource the version asked about, or the last stored version before a deletion; null when none is readable
	 */
	void checkMayAskAbout(RequestDetails request, String resourceType, String logicalId, IBaseResource resource) {
		Optional<Caller> caller = currentCaller.of(request);
		if (caller.isEmpty() || caller.get().auditor() || caller.get().custodian()) {
			return;
		}
		Optional<ResourceRef> patient = caller.get().patient();
		if (patient.isPresent() && resource != null && patientOf.of(resource).patients().contains(patient.get())) {
			return;
		}
		throw new ResourceNotFoundException(Msg.code(2001) + "Resource " + resourceType + "/" + logicalId + " is not known");
	}

	void checkMayReadStatus(RequestDetails request) {
		Optional<Caller> caller = currentCaller.of(request);
		if (caller.isEmpty() || caller.get().auditor() || caller.get().custodian()) {
			return;
		}
		throw forbidden("the notary's status is for auditors and custodians");
	}

	private static ForbiddenOperationException forbidden(String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.FORBIDDEN)
				.setDiagnostics(message);
		return new ForbiddenOperationException(message, outcome);
	}
}
