package io.fhirnotary.server.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.interceptors.audit.AuditAction;
import io.fhirnotary.interceptors.audit.AuditOutcome;
import io.fhirnotary.interceptors.audit.AuditRecord;
import io.fhirnotary.interceptors.audit.AuditedResource;
import io.fhirnotary.interceptors.audit.BalpAuditEvents;
import io.fhirnotary.interceptors.identity.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Turns a request's trail into its AuditEvents (pure apart from the clock): what was asked
 * (action, type, operation, parameter names only), by whom, with what outcome, touching which
 * resources of which patients, decided how.
 */
final class AuditTrailRecorder {

	// The record refuses values outside these shapes; check first so a strange request id or
	// operation name costs its detail, not the audit event.
	private static final Pattern OPERATION_NAME = Pattern.compile("\\$[A-Za-z][A-Za-z0-9\\-_.]{0,63}");
	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9\\-_.:]{1,128}");
	private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");

	private final BalpAuditEvents events;
	private final Clock clock;

	AuditTrailRecorder(BalpAuditEvents events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	List<AuditEvent> eventsFor(RequestDetails request, Caller caller, List<AuditedResource> resources, int httpStatus) {
		return recordFor(request, caller, resources, httpStatus).map(this::eventsOf).orElse(List.of());
	}

	/**
	 * What the request's AuditEvents will say, taken from the request while it is still there;
	 * empty for requests that are not audited (no REST action).
	 */
	Optional<AuditRecord> recordFor(RequestDetails request, Caller caller, List<AuditedResource> resources, int httpStatus) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		Optional<AuditAction> action = AuditActions.of(operation);
		if (action.isEmpty()) {
			return Optional.empty();
		}
		AuditRecord.Builder record = AuditRecord.builder(
						action.get(), caller, AuditOutcome.ofHttpStatus(httpStatus), clock.instant())
				.resources(resources)
				// names as the client wrote them: blind-index rewriting renames family to family-blind
				.queryParameterNames(request.getParameters().keySet().stream()
						.map(io.fhirnotary.interceptors.blindindex.BlindTokenParameters::clientFacingName).toList());
		String resourceType = request.getResourceName();
		if (resourceType != null && RESOURCE_TYPE.matcher(resourceType).matches()) {
			record.resourceType(resourceType);
		}
		String operationName = request.getOperation();
		if (action.get() == AuditAction.OPERATION && operationName != null && OPERATION_NAME.matcher(operationName).matches()) {
			record.operation(operationName);
		}
		String requestId = request.getRequestId();
		if (requestId != null && REQUEST_ID.matcher(requestId).matches()) {
			record.requestId(requestId);
		}
		return Optional.of(record.build());
	}

	/** The record's AuditEvents, in BALP shape. */
	List<AuditEvent> eventsOf(AuditRecord record) {
		return events.forRequest(record);
	}
}
