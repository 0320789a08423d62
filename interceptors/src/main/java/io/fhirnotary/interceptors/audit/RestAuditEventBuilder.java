package io.fhirnotary.interceptors.audit;

import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;

/**
 * Builds the RESTful AuditEvents of one request, shaped like IHE BALP's Create/Read/Update/Delete/
 * Query patterns: type {@code audit-event-type#rest}, subtype the restful interaction, the R4
 * action, outcome with the HTTP status.
 *
 * <p><b>One event per patient and permit.</b> An AuditEvent is shown to the patient it names (R4
 * {@code patient} search parameter, Patient compartment), so an event never names data of more
 * than one patient: the request gets an event per patient concerned, naming that patient
 * ({@code entity} role 1 Patient, {@code what = Patient/id}) and the resources of that patient the
 * caller was given, plus events without a patient for resources of no patient. A request that
 * concerned nothing identifiable still gets one event (without a patient).
 *
 * <p><b>The consent decision that let the caller have the resources is on the same event</b>: its
 * decision entity ({@link AuditEventParts#decisionEntity}: the deciding Consent, verdict, reason,
 * emergency) and BALP's {@code AuthZ-Consent}/{@code AuthZ-Role} as a second subtype. Resources of
 * one patient permitted by different decisions (two Consents, say) go to one event per decision,
 * so every event states exactly why its resources were released. Recording the permit here rather
 * than in a separate {@code AuthZconsent} event halves what a read stores, and loses nothing: the
 * separate event would repeat the caller, time and resources of this one.
 *
 * <p>Resources whose consent decision was a deny are left out of the RESTful events: the caller
 * did not receive them, and the consent-denial events ({@link DenialAuditEventBuilder}) record
 * them. Their patient still gets a RESTful event, so the patient sees that the request happened.
 *
 * <p>Queries ({@link AuditAction#isQuery()}) get an entity of role 24 Query whose {@code query} is
 * the parameter names joined with {@code &} (see {@link QueryParameterNames}) and whose
 * {@code description} is the addressed type and operation ({@code Patient/$everything}).
 */
public final class RestAuditEventBuilder {

	private final AuditSource source;

	public RestAuditEventBuilder(AuditSource source) {
		this.source = Objects.requireNonNull(source, "source");
	}

	/** What one event covers: a patient (or none) and the permit that released its resources (or none). */
	private record Group(ResourceRef patient, ConsentDecision permit) {}

	/**
	 * The request's RESTful events: patients in the order first met (a patient whose resources
	 * were all withheld after those whose were not), the events of no patient last.
	 */
	public List<AuditEvent> build(AuditRecord record) {
		Map<Group, Map<String, AuditedResource>> ofPatients = new LinkedHashMap<>();
		Map<Group, Map<String, AuditedResource>> ofNoPatient = new LinkedHashMap<>();
		Set<ResourceRef> patientsConcerned = new LinkedHashSet<>();
		for (AuditedResource resource : record.resources()) {
			if (resource.patient() != null) {
				patientsConcerned.add(resource.patient());
			}
			if (resource.denied()) {
				continue;
			}
			Group group = new Group(resource.patient(), resource.decision());
			(resource.patient() == null ? ofNoPatient : ofPatients)
					.computeIfAbsent(group, g -> new LinkedHashMap<>())
					.putIfAbsent(resource.reference(), resource);
		}
		patientsConcerned.addAll(record.patients());
		Set<ResourceRef> withEvent = new HashSet<>();
		ofPatients.keySet().forEach(group -> withEvent.add(group.patient()));
		for (ResourceRef patient : patientsConcerned) {
			if (!withEvent.contains(patient)) {
				ofPatients.put(new Group(patient, null), Map.of());
			}
		}
		List<AuditEvent> events = new ArrayList<>();
		ofPatients.forEach((group, shown) -> events.add(event(record, group, List.copyOf(shown.values()))));
		ofNoPatient.forEach((group, shown) -> events.add(event(record, group, List.copyOf(shown.values()))));
		if (events.isEmpty()) {
			events.add(event(record, new Group(null, null), List.of()));
		}
		return events;
	}

	private AuditEvent event(AuditRecord record, Group group, List<AuditedResource> shown) {
		AuditEvent event = AuditEventParts.newEvent(record, source);
		event.setType(AuditCodes.restfulOperation());
		event.addSubtype(AuditCodes.interaction(record.action()));
		event.setAction(record.action().action());
		event.setOutcome(record.outcome().code());
		event.setOutcomeDesc(record.outcome().description());
		if (group.patient() != null) {
			event.addEntity(AuditEventParts.patientEntity(group.patient()));
		}
		if (group.permit() != null) {
			event.addSubtype(AuditEventParts.authorizationSubtype(group.permit()));
			event.addEntity(AuditEventParts.decisionEntity(group.permit()));
		}
		shown.forEach(resource -> event.addEntity(AuditEventParts.resourceEntity(resource)));
		if (record.action().isQuery() || !record.queryParameterNames().isEmpty()) {
			event.addEntity(queryEntity(record));
		} else if (shown.isEmpty() && record.resourceType() != null) {
			// nothing to name (a create that failed, a read that was refused): say which type it addressed
			event.addEntity().setType(AuditCodes.resourceType(record.resourceType())).setRole(AuditCodes.domainResourceRole());
		}
		if (group.permit() != null && group.permit().emergency()) {
			AuditEventParts.markEmergency(event);
		}
		return event;
	}

	private static AuditEventEntityComponent queryEntity(AuditRecord record) {
		AuditEventEntityComponent query = new AuditEventEntityComponent()
				.setType(AuditCodes.systemObject())
				.setRole(AuditCodes.queryRole());
		if (!record.queryParameterNames().isEmpty()) {
			query.setQuery(QueryParameterNames.render(record.queryParameterNames()).getBytes(StandardCharsets.UTF_8));
		}
		StringJoiner path = new StringJoiner("/");
		if (record.resourceType() != null) {
			path.add(record.resourceType());
		}
		if (record.operation() != null) {
			path.add(record.operation());
		}
		if (path.length() > 0) {
			query.setDescription(path.toString());
		}
		return query;
	}
}
