package io.fhirnotary.interceptors.audit;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Every AuditEvent one request must store: its RESTful events ({@link RestAuditEventBuilder}, which
 * carry the consent permits) then its consent-denial events ({@link DenialAuditEventBuilder}),
 * linked by the request id entity when the record has one. Building is separate from storing; the
 * caller stores the list.
 */
public final class BalpAuditEvents {

	private final RestAuditEventBuilder rest;
	private final DenialAuditEventBuilder denials;

	public BalpAuditEvents(AuditSource source) {
		this.rest = new RestAuditEventBuilder(source);
		this.denials = new DenialAuditEventBuilder(source);
	}

	public List<AuditEvent> forRequest(AuditRecord record) {
		List<AuditEvent> events = new ArrayList<>(rest.build(record));
		events.addAll(denials.build(record));
		return events;
	}
}
