package io.fhirnotary.interceptors.consent;

import java.util.Objects;

/**
 * Whether a write may proceed, and why. A refused write becomes 403 with an OperationOutcome (and
 * fails a whole transaction bundle).
 *
 * @param reason why; also fixes the outcome ({@link WriteReason#allows()})
 */
public record WriteDecision(WriteReason reason) {

	public WriteDecision {
		Objects.requireNonNull(reason, "reason");
	}

	public boolean allowed() {
		return reason.allows();
	}
}
