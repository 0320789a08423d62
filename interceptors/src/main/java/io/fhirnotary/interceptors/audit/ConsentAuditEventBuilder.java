package io.fhirnotary.interceptors.audit;

import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.consent.ConsentReason;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds the consent-decision AuditEvents of one request, shaped like IHE BALP's
 * {@code AuthZconsent}: type DICOM 110113 Security Alert, subtype {@code AuthZ-Consent} or
 * {@code AuthZ-Role}, action E, outcome 0 for a permit and 8 for a deny.
 *
 * <p><b>One event per patient and decision.</b> The record's decided resources are grouped by
 * (patient, {@link ConsentDecision}) — a decision being a reason and the deciding Consent — and each
 * group becomes one event naming the patient, the decision and every resource it covered. So an
 * event has a single verdict, names one patient's data only (it is shown to that patient) and a
 * search over many resources gives a handful of events, not one per resource. Denied resources are
 * named too: only the patient and auditors can read these events.
 *
 * <p>The decision is an entity of type {@code resource-types#Consent}, {@code what} the deciding
 * Consent ({@code Consent/id/_history/v}) when a Consent decided, with details {@code decision}
 * ({@code permit}/{@code deny}), {@code reason} (the {@link ConsentReason} name) and, for break-the-
 * glass access, {@code emergency} = {@code true}; emergency events are also labelled (see
 * {@link AuditEventParts#markEmergency}). The server appears as agent "authorization server".
 */
public final class ConsentAuditEventBuilder {

	private final AuditSource source;

	public ConsentAuditEventBuilder(AuditSource source) {
		this.source = Objects.requireNonNull(source, "source");
	}

	/** One event per (patient, decision) among the record's resources, in the order first met. */
	public List<AuditEvent> build(AuditRecord record) {
		record Group(ResourceRef patient, ConsentDecision decision) {}
		Map<Group, Map<String, AuditedResource>> groups = new LinkedHashMap<>();
		for (AuditedResource resource : record.resources()) {
			if (resource.decision() != null) {
				groups.computeIfAbsent(new Group(resource.patient(), resource.decision()), g -> new LinkedHashMap<>())
						.putIfAbsent(resource.reference(), resource);
			}
		}
		List<AuditEvent> events = new ArrayList<>();
		groups.forEach((group, covered) ->
				events.add(event(record, group.patient(), group.decision(), List.copyOf(covered.values()))));
		return events;
	}

	private AuditEvent event(AuditRecord record, ResourceRef patient, ConsentDecision decision, List<AuditedResource> covered) {
		AuditEvent event = AuditEventParts.newEvent(record, source);
		event.setType(AuditCodes.securityAlert());
		event.addSubtype(basedOnConsent(decision.reason()) ? AuditCodes.decidedByConsent() : AuditCodes.decidedByRole());
		event.setAction(AuditEventAction.E);
		event.setOutcome(decision.permitted() ? AuditEventOutcome._0 : AuditEventOutcome._8);
		event.setOutcomeDesc(decision.reason().name());
		event.addAgent()
				.setType(AuditCodes.authorizationServer())
				.setWho(AuditEventParts.observer(source))
				.setRequestor(false);
		if (patient != null) {
			event.addEntity(AuditEventParts.patientEntity(patient));
		}
		event.addEntity(decisionEntity(decision));
		covered.forEach(resource -> event.addEntity(AuditEventParts.resourceEntity(resource)));
		if (decision.emergency()) {
			AuditEventParts.markEmergency(event);
		}
		return event;
	}

	private static AuditEventEntityComponent decisionEntity(ConsentDecision decision) {
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
	 * Whether a Consent (or the patient's consent policy: the default, or the Consent a break-the-
	 * glass access overrode) decided, rather than the caller's role or scopes alone.
	 */
	private static boolean basedOnConsent(ConsentReason reason) {
		return switch (reason) {
			case CONSENT_PERMIT, CONSENT_DENY, CONSENT_NAMES_CALLER, DEFAULT_PERMIT, NO_CONSENT_DEFAULT_DENY, EMERGENCY -> true;
			case PATIENT_SELF, PRESCRIBER, CUSTODIAN, AUDITOR, NOT_PATIENT_DATA, SCOPE_MISSING, NOT_AUDIT_CONTENT,
					AUDIT_RESTRICTED, UNIDENTIFIED_CALLER, NO_PATIENT_FOR_PATIENT_DATA -> false;
		};
	}
}
