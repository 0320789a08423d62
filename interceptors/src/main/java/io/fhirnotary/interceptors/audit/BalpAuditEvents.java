package io.fhirnotary.interceptors.audit;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Every AuditEvent one request must store: its RESTful events ({@link RestAuditEventBuilder}) then
 * its consent-decision events ({@link ConsentAuditEventBuilder}), linked by the request id entity
 * when the record has one. Building is separate from storing; the caller stores the list.
 */
public final class BalpAuditEvents {

	private final RestAuditEventBuilder rest;
	private final ConsentAuditEventBuilder decisions;

	public BalpAuditEvents(AuditSource source) {
		this.rest = new RestAuditEventBuilder(source);
		this.decisions = new ConsentAuditEventBuilder(source);
	}

	public List<AuditEvent> forRequest(AuditRecord record) {
		List<AuditEvent> events = new ArrayList<>(rest.build(record));
		events.addAll(decisions.build(record));
		return events;
	}
}
