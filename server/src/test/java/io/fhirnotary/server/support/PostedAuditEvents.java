package io.fhirnotary.server.support;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/** AuditEvents as an EHR system might post its own (custodians may; HAPI stores them). */
public final class PostedAuditEvents {

	/** The subtype code these events carry, to find them by. */
	public static final String SUBTYPE = "posted-by-test";

	private PostedAuditEvents() {
	}

	/** A successful read by {@code agent} (a reference), recorded now. */
	public static AuditEvent readBy(String agent) {
		AuditEvent event = new AuditEvent()
				.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110100", null))
				.setAction(AuditEvent.AuditEventAction.R)
				.setOutcome(AuditEvent.AuditEventOutcome._0)
				.setRecorded(new Date());
		event.addSubtype(new Coding("http://example.org/ehr-events", SUBTYPE, null));
		event.addAgent().setRequestor(true).setWho(new Reference(agent));
		event.getSource().setObserver(new Reference().setDisplay("an EHR"));
		return event;
	}
}
