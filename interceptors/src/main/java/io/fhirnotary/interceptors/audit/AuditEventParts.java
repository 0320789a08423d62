package io.fhirnotary.interceptors.audit;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.consent.ConsentReason;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventSourceComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The parts RESTful and consent-denial events share: when, who, which server, why, and how the
 * consent check decided.
 */
final class AuditEventParts {

	private AuditEventParts() {}

	/**
	 * A new event with {@code recorded}, the caller's agents, {@code source}, the caller's purposes
	 * of use and, when the record has one, the request id entity. Type, subtype, action, outcome
	 * and the other entities are the builder's.
	 */
	static AuditEvent newEvent(AuditRecord record, AuditSource source) {
		AuditEvent event = new AuditEvent();
		InstantType recorded = new InstantType(Date.from(record.recorded()), TemporalPrecisionEnum.MILLI);
		recorded.setTimeZoneZulu(true);
		event.setRecordedElement(recorded);
		addAgents(event, record.caller());
		event.setSource(source(source));
		for (String purpose : record.caller().purposesOfUse()) {
			event.addPurposeOfEvent(AuditCodes.purpose(purpose));
		}
		if (record.requestId() != null) {
			event.addEntity()
					.setType(AuditCodes.requestIdType())
					.setWhat(new Reference().setIdentifier(new Identifier().setValue(record.requestId())));
		}
		return event;
	}

	/**
	 * The client application (its OAuth2 client id as identifier), the user ({@code fhirUser}) and
	 * the organisations the user acts for. The user is the requestor; without a user, the client is.
	 * The purposes of use go on the requestor.
	 */
	private static void addAgents(AuditEvent event, Caller caller) {
		boolean hasUser = caller.fhirUser() != null;
		AuditEventAgentComponent client = event.addAgent().setType(AuditCodes.application()).setRequestor(!hasUser);
		if (caller.clientId() != null && !caller.clientId().isBlank()) {
			client.setWho(new Reference().setIdentifier(new Identifier().setValue(caller.clientId())));
		}
		AuditEventAgentComponent requestor = client;
		if (hasUser) {
			requestor = event.addAgent()
					.setType(AuditCodes.informationRecipient())
					.setWho(new Reference(caller.fhirUser().toString()))
					.setRequestor(true);
		}
		for (String purpose : caller.purposesOfUse()) {
			requestor.addPurposeOfUse(AuditCodes.purpose(purpose));
		}
		for (ResourceRef organization : caller.organizations()) {
			event.addAgent()
					.setType(AuditCodes.healthcareProvider())
					.setWho(new Reference(organization.toString()))
					.setRequestor(false);
		}
	}

	private static AuditEventSourceComponent source(AuditSource source) {
		AuditEventSourceComponent component = new AuditEventSourceComponent()
				.setObserver(observer(source))
				.addType(AuditCodes.applicationServer());
		if (source.site() != null) {
			component.setSite(source.site());
		}
		return component;
	}

	/** The server as a reference by name: identifier value and display, no literal reference. */
	static Reference observer(AuditSource source) {
		return new Reference().setIdentifier(new Identifier().setValue(source.observer())).setDisplay(source.observer());
	}

	/** The Patient the event is about, where the R4 {@code patient} search parameter finds it. */
	static AuditEventEntityComponent patientEntity(ResourceRef patient) {
		return new AuditEventEntityComponent()
				.setWhat(new Reference(patient.toString()))
				.setType(AuditCodes.person())
				.setRole(AuditCodes.patientRole());
	}

	/** A resource the request touched, by relative reference (versioned when the version is known). */
	static AuditEventEntityComponent resourceEntity(AuditedResource resource) {
		return new AuditEventEntityComponent()
				.setWhat(new Reference(resource.reference()))
				.setType(AuditCodes.systemObject())
				.setRole(AuditCodes.domainResourceRole());
	}

	/**
	 * Marks the event as emergency access: purpose of event {@code ETREAT} and the security label
	 * {@code ETREAT}, so a patient's emergency accesses are listed by
	 * {@code AuditEvent?patient=…&_security=http://terminology.hl7.org/CodeSystem/v3-ActReason|ETREAT}.
	 */
	static void markEmergency(AuditEvent event) {
		boolean declared = event.getPurposeOfEvent().stream().anyMatch(AuditEventParts::isEmergencyPurpose);
		if (!declared) {
			event.addPurposeOfEvent(AuditCodes.purpose(AuditCodes.EMERGENCY_TREATMENT));
		}
		event.getMeta().addSecurity(AuditCodes.emergencyLabel());
	}

	private static boolean isEmergencyPurpose(CodeableConcept purpose) {
		return purpose.hasCoding(AuditCodes.ACT_REASON, AuditCodes.EMERGENCY_TREATMENT);
	}

	/**
	 * A consent decision as an entity of type {@code resource-types#Consent}: {@code what} the
	 * deciding Consent ({@code Consent/id/_history/v}) when a Consent decided, else the description
	 * "decided without a Consent"; details {@code decision} ({@code permit}/{@code deny}),
	 * {@code reason} (the {@link ConsentReason} name) and, for break-the-glass access,
	 * {@code emergency} = {@code true}.
	 */
	static AuditEventEntityComponent decisionEntity(ConsentDecision decision) {
		AuditEventEntityComponent entity = new AuditEventEntityComponent().setType(AuditCodes.resourceType("Consent"));
		if (decision.consentReference() != null) {
			entity.setWhat(new Reference(decision.consentReference()));
		} else {
			entity.setDescription("decided without a Consent");
		}
		entity.addDetail().setType("decision").setValue(new StringType(decision.permitted() ? "permit" : "deny"));
		entity.addDetail().setType("reason").setValue(new StringType(decision.reason().name()));
		if (decision.emergency()) {
			entity.addDetail().setType("emergency").setValue(new StringType("true"));
		}
		return entity;
	}

	/**
	 * BALP's authorization-decision subtype: {@code AuthZ-Consent} when a Consent (or the patient's
	 * consent policy: the default, or the Consent a break-the-glass access overrode) decided,
	 * {@code AuthZ-Role} when the caller's role or scopes alone did.
	 */
	static Coding authorizationSubtype(ConsentDecision decision) {
		return basedOnConsent(decision.reason()) ? AuditCodes.decidedByConsent() : AuditCodes.decidedByRole();
	}

	private static boolean basedOnConsent(ConsentReason reason) {
		return switch (reason) {
			case CONSENT_PERMIT, CONSENT_DENY, CONSENT_NAMES_CALLER, DEFAULT_PERMIT, NO_CONSENT_DEFAULT_DENY, EMERGENCY -> true;
			case PATIENT_SELF, PRESCRIBER, CUSTODIAN, AUDITOR, NOT_PATIENT_DATA, SCOPE_MISSING, NOT_AUDIT_CONTENT,
					AUDIT_RESTRICTED, UNIDENTIFIED_CALLER, NO_PATIENT_FOR_PATIENT_DATA -> false;
		};
	}
}
