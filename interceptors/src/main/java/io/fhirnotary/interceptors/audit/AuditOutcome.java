package io.fhirnotary.interceptors.audit;

import java.util.Objects;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;

/**
 * How a request ended: the R4 {@code AuditEvent.outcome} and the HTTP status it was answered with.
 *
 * <p>{@link #ofHttpStatus(int)} maps 1xx–3xx to 0 (success), 4xx to 4 (minor failure: the client
 * asked for something it may not have or that does not exist) and 5xx to 8 (serious failure). 12
 * (major failure) is never derived; pass it explicitly.
 *
 * @param code       the R4 outcome code
 * @param httpStatus the status the client received (100–599)
 */
public record AuditOutcome(AuditEventOutcome code, int httpStatus) {

	public AuditOutcome {
		Objects.requireNonNull(code, "code");
		if (code == AuditEventOutcome.NULL) {
			throw new IllegalArgumentException("outcome code NULL is not an outcome");
		}
		if (httpStatus < 100 || httpStatus > 599) {
			throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
		}
	}

	/** The outcome an HTTP status stands for. */
	public static AuditOutcome ofHttpStatus(int httpStatus) {
		AuditEventOutcome code;
		if (httpStatus >= 500) {
			code = AuditEventOutcome._8;
		} else if (httpStatus >= 400) {
			code = AuditEventOutcome._4;
		} else {
			code = AuditEventOutcome._0;
		}
		return new AuditOutcome(code, httpStatus);
	}

	/** {@code AuditEvent.outcomeDesc}: the status only, never a message that could quote the request. */
	String description() {
		return "HTTP " + httpStatus;
	}
}
