package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ContextLevel;
import io.fhirnotary.interceptors.identity.Interaction;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;

/**
 * Who may write what (issue 3, "Write rules"), as a pure function. Consent guards reads only; this
 * guards creates, updates and deletes, including each entry of a transaction bundle.
 *
 * <p>First match wins:
 * <ol>
 *   <li>Nobody updates or deletes an AuditEvent, custodians included.</li>
 *   <li>A custodian with a {@code system/} scope for the interaction writes anything else.</li>
 *   <li>Only custodians create AuditEvents through the API; the server writes its own.</li>
 *   <li>A patient ({@code patient/} or {@code user/} scope) writes only Consents whose
 *       {@code patient} is itself — before and after an update — which covers approving or
 *       rejecting a proposed Consent; it writes nothing else.</li>
 *   <li>Everyone else needs a {@code user/} scope for the interaction and an identity:
 *     <ul>
 *       <li>Consent: create only, status {@code proposed}, scope patient-privacy, a patient, and
 *           every actor the caller or its organisation (an access request).</li>
 *       <li>MedicationRequest: a Practitioner creates one naming itself as {@code requester};
 *           the requester updates it and stays the requester; deletes are for custodians.</li>
 *       <li>MedicationDispense: created when it names an authorising prescription and the adapter
 *           found every one visible to the caller; updates and deletes are for custodians.</li>
 *       <li>Anything else: refused.</li>
 *     </ul>
 *   </li>
 * </ol>
 */
public final class WriteRules {

	private static final String AUDIT_EVENT = "AuditEvent";
	private static final Set<ContextLevel> PATIENT_OR_USER = EnumSet.of(ContextLevel.PATIENT, ContextLevel.USER);

	private WriteRules() {}

	public static WriteDecision decide(Caller caller, WriteRequest request) {
		Objects.requireNonNull(caller, "caller");
		Objects.requireNonNull(request, "request");
		String type = request.resourceType();
		Interaction interaction = request.interaction();

		if (type.equals(AUDIT_EVENT) && interaction != Interaction.CREATE) {
			return because(WriteReason.AUDIT_EVENT_IMMUTABLE);
		}
		if (caller.custodian() && caller.scopes().allows(ContextLevel.SYSTEM, type, interaction)) {
			return because(WriteReason.CUSTODIAN);
		}
		if (type.equals(AUDIT_EVENT)) {
			return because(WriteReason.AUDIT_EVENT_SERVER_ONLY);
		}
		if (caller.isPatient()) {
			return patientWrite(caller, request);
		}
		if (!caller.scopes().allows(ContextLevel.USER, type, interaction)) {
			return because(WriteReason.SCOPE_MISSING);
		}
		if (caller.identities().isEmpty()) {
			return because(WriteReason.UNIDENTIFIED_CALLER);
		}
		return switch (type) {
			case "Consent" -> accessRequest(caller, request);
			case "MedicationRequest" -> prescription(caller, request);
			case "MedicationDispense" -> dispense(request);
			default -> because(WriteReason.NOT_PERMITTED);
		};
	}

	private static WriteDecision patientWrite(Caller caller, WriteRequest request) {
		if (!request.resourceType().equals("Consent")) {
			return because(WriteReason.NOT_PERMITTED);
		}
		if (!caller.scopes().allowsAtAny(PATIENT_OR_USER, "Consent", request.interaction())) {
			return because(WriteReason.SCOPE_MISSING);
		}
		ResourceRef self = caller.fhirUser();
		boolean existingIsOwn = request.existing() == null || isConsentOf(request.existing(), self);
		boolean proposedIsOwn = request.proposed() == null || isConsentOf(request.proposed(), self);
		boolean touchesSomething = request.existing() != null || request.proposed() != null;
		return because(touchesSomething && existingIsOwn && proposedIsOwn
				? WriteReason.OWN_CONSENT
				: WriteReason.NOT_OWN_CONSENT);
	}

	private static boolean isConsentOf(Resource resource, ResourceRef patient) {
		return resource instanceof Consent consent && PatientConsents.belongsTo(consent, patient);
	}

	/** An access request names the caller and nobody else, so a patient approving it shares with no third party. */
	private static WriteDecision accessRequest(Caller caller, WriteRequest request) {
		if (request.interaction() != Interaction.CREATE || !(request.proposed() instanceof Consent consent)) {
			return because(WriteReason.NOT_AN_ACCESS_REQUEST);
		}
		boolean proposedStatus = consent.getStatus() == ConsentState.PROPOSED;
		boolean forAPatient = consent.hasPatient()
				&& ResourceRef.parse(consent.getPatient().getReference()).filter(p -> p.isA("Patient")).isPresent();
		List<String> actors = ConsentActors.allActorReferences(consent);
		boolean onlyCaller = !actors.isEmpty() && actors.stream()
				.allMatch(actor -> ResourceRef.parse(actor).map(caller::is).orElse(false));
		return because(proposedStatus && forAPatient && onlyCaller && PatientConsents.isPatientPrivacy(consent)
				? WriteReason.ACCESS_REQUEST
				: WriteReason.NOT_AN_ACCESS_REQUEST);
	}

	private static WriteDecision prescription(Caller caller, WriteRequest request) {
		if (!caller.isPractitioner()) {
			return because(WriteReason.NOT_A_PRESCRIBER);
		}
		return switch (request.interaction()) {
			case CREATE -> because(isRequester(request.proposed(), caller)
					? WriteReason.PRESCRIBER
					: WriteReason.NOT_THE_REQUESTER);
			case UPDATE -> because((request.existing() == null || isRequester(request.existing(), caller))
							&& isRequester(request.proposed(), caller)
					? WriteReason.REQUESTER_UPDATE
					: WriteReason.NOT_THE_REQUESTER);
			default -> because(WriteReason.NOT_PERMITTED);
		};
	}

	private static boolean isRequester(Resource resource, Caller caller) {
		if (!(resource instanceof MedicationRequest prescription) || !prescription.hasRequester()) {
			return false;
		}
		Optional<ResourceRef> requester = ResourceRef.parse(prescription.getRequester().getReference());
		return requester.isPresent() && requester.get().equals(caller.fhirUser());
	}

	private static WriteDecision dispense(WriteRequest request) {
		if (request.interaction() != Interaction.CREATE) {
			return because(WriteReason.NOT_PERMITTED);
		}
		boolean namesPrescription = request.proposed() instanceof MedicationDispense dispense
				&& dispense.hasAuthorizingPrescription();
		return because(namesPrescription && request.authorizingPrescriptionVisible()
				? WriteReason.DISPENSE_OF_SHARED_PRESCRIPTION
				: WriteReason.PRESCRIPTION_NOT_SHARED);
	}

	private static WriteDecision because(WriteReason reason) {
		return new WriteDecision(reason);
	}
}
