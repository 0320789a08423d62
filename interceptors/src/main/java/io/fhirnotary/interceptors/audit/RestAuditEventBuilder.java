package io.fhirnotary.interceptors.audit;

import io.fhirnotary.interceptors.identity.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;

/**
 * Builds the RESTful AuditEvents of one request, shaped like IHE BALP's Create/Read/Update/Delete/
 * Query patterns: type {@code audit-event-type#rest}, subtype the restful interaction, the R4
 * action, outcome with the HTTP status.
 *
 * <p><b>One event per patient.</b> An AuditEvent is shown to the patient it names (R4
 * {@code patient} search parameter, Patient compartment), so an event never names data of more
 * than one patient: the request gets one event per patient concerned, naming that patient
 * ({@code entity} role 1 Patient, {@code what = Patient/id}) and the resources of that patient the
 * caller was given, plus one event without a patient for resources of no patient. A request that
 * concerned nothing identifiable still gets one event (without a patient).
 *
 * <p>Resources whose consent decision was a deny are left out of the RESTful events: the caller
 * did not receive them, and the consent-decision events ({@link ConsentAuditEventBuilder}) record
 * them. Their patient still gets an event, so the patient sees that the request happened.
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

	/** The request's RESTful events, patients in the order first met, the event of no patient last. */
	public List<AuditEvent> build(AuditRecord record) {
		Map<ResourceRef, Map<String, AuditedResource>> byPatient = new LinkedHashMap<>();
		Map<String, AuditedResource> ofNoPatient = new LinkedHashMap<>();
		for (AuditedResource resource : record.resources()) {
			Map<String, AuditedResource> group = resource.patient() == null
					? ofNoPatient
					: byPatient.computeIfAbsent(resource.patient(), patient -> new LinkedHashMap<>());
			if (!resource.denied()) {
				group.putIfAbsent(resource.reference(), resource);
			}
		}
		for (ResourceRef patient : record.patients()) {
			byPatient.computeIfAbsent(patient, p -> new LinkedHashMap<>());
		}
		List<AuditEvent> events = new ArrayList<>();
		byPatient.forEach((patient, shown) -> events.add(event(record, patient, List.copyOf(shown.values()))));
		if (events.isEmpty() || !ofNoPatient.isEmpty()) {
			events.add(event(record, null, List.copyOf(ofNoPatient.values())));
		}
		return events;
	}

	private AuditEvent event(AuditRecord record, ResourceRef patient, List<AuditedResource> shown) {
		AuditEvent event = AuditEventParts.newEvent(record, source);
		event.setType(AuditCodes.restfulOperation());
		event.addSubtype(AuditCodes.interaction(record.action()));
		event.setAction(record.action().action());
		event.setOutcome(record.outcome().code());
		event.setOutcomeDesc(record.outcome().description());
		if (patient != null) {
			event.addEntity(AuditEventParts.patientEntity(patient));
		}
		shown.forEach(resource -> event.addEntity(AuditEventParts.resourceEntity(resource)));
		if (record.action().isQuery() || !record.queryParameterNames().isEmpty()) {
			event.addEntity(queryEntity(record));
		} else if (shown.isEmpty() && record.resourceType() != null) {
			// nothing to name (a create that failed, a read that was refused): say which type it addressed
			event.addEntity().setType(AuditCodes.resourceType(record.resourceType())).setRole(AuditCodes.domainResourceRole());
		}
		if (shown.stream().anyMatch(AuditedResource::emergency)) {
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
