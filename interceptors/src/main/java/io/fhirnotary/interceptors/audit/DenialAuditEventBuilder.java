package io.fhirnotary.interceptors.audit;

import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;

/**
 * Builds the consent-denial AuditEvents of one request, shaped like IHE BALP's
 * {@code AuthZconsent}: type DICOM 110113 Security Alert, subtype {@code AuthZ-Consent} or
 * {@code AuthZ-Role}, action E, outcome 8 (serious failure), outcome description the reason.
 *
 * <p><b>Denials only.</b> A permit is recorded on the RESTful event that names the permitted
 * resources ({@link RestAuditEventBuilder}): the caller received them, and that event already
 * says who, when and which resources. A withheld resource appears in no RESTful event, so its
 * denial needs an event of its own.
 *
 * <p><b>One event per patient and decision.</b> The denied resources are grouped by (patient,
 * {@link ConsentDecision}) — a decision being a reason and the deciding Consent — and each group
 * becomes one event naming the patient, the decision ({@link AuditEventParts#decisionEntity}) and
 * every resource it covered. So an event names one patient's data only (it is shown to that
 * patient) and a search that withheld many resources gives a handful of events, not one per
 * resource. The server appears as agent "authorization server".
 */
public final class DenialAuditEventBuilder {

	private final AuditSource source;

	public DenialAuditEventBuilder(AuditSource source) {
		this.source = Objects.requireNonNull(source, "source");
	}

	/** One event per (patient, denying decision) among the record's resources, in the order first met. */
	public List<AuditEvent> build(AuditRecord record) {
		record Group(ResourceRef patient, ConsentDecision decision) {}
		Map<Group, Map<String, AuditedResource>> groups = new LinkedHashMap<>();
		for (AuditedResource resource : record.resources()) {
			if (resource.denied()) {
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
		event.addSubtype(AuditEventParts.authorizationSubtype(decision));
		event.setAction(AuditEventAction.E);
		event.setOutcome(AuditEventOutcome._8);
		event.setOutcomeDesc(decision.reason().name());
		event.addAgent()
				.setType(AuditCodes.authorizationServer())
				.setWho(AuditEventParts.observer(source))
				.setRequestor(false);
		if (patient != null) {
			event.addEntity(AuditEventParts.patientEntity(patient));
		}
		event.addEntity(AuditEventParts.decisionEntity(decision));
		covered.forEach(resource -> event.addEntity(AuditEventParts.resourceEntity(resource)));
		return event;
	}
}
