package io.fhirnotary.server.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.interceptors.consent.ConsentDecider;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * The consent rules for AuditEvents kept outside HAPI (the audit journal), in two steps: which
 * events a caller may see at all, as a condition a query can carry ({@link #reachOf}), and the
 * decision for each event shown ({@link #visible}: the same decision function and audit of the
 * decision as every resource HAPI returns). Auditors and custodians see every event, a patient the
 * events about them (only), everyone else none: DESIGN §5, docs/CONSENT.md.
 */
public final class AuditTrailAccess {

	/** Which events a query may return before each is judged. */
	public sealed interface Reach {
		/** Every event. */
		record Everything() implements Reach {
		}

		/** Events about this patient. */
		record AboutPatient(ResourceRef patient) implements Reach {
		}

		/** No event. */
		record Nothing() implements Reach {
		}
	}

	private final RequestCallers callers;
	private final ResourceVisibility visibility;
	private final ConsentDecider decider;
	private final Clock clock;

	AuditTrailAccess(RequestCallers callers, ResourceVisibility visibility, ConsentDecider decider, Clock clock) {
		this.callers = callers;
		this.visibility = visibility;
		this.decider = decider;
		this.clock = clock;
	}

	public Reach reachOf(RequestDetails request) {
		Optional<Caller> judged = callers.judged(request);
		if (judged.isEmpty()) {
			return new Reach.Everything();
		}
		Caller caller = judged.get();
		AuditEvent probe = new AuditEvent();
		Instant now = Instant.now(clock);
		// an event about no patient: only a caller who may see every event may see it
		if (decider.decide(caller, probe, null, List.of(), now).permitted()) {
			return new Reach.Everything();
		}
		Optional<ResourceRef> self = caller.patient();
		if (self.isPresent() && decider.decide(caller, probe, self.get(), List.of(), now).permitted()) {
			return new Reach.AboutPatient(self.get());
		}
		return new Reach.Nothing();
	}

	/** The decision for one event, recorded for the request's audit like any other. */
	public boolean visible(RequestDetails request, AuditEvent event) {
		Optional<Caller> caller = callers.judged(request);
		return caller.isEmpty() || visibility.visible(caller.get(), event, RequestScope.of(request));
	}
}
