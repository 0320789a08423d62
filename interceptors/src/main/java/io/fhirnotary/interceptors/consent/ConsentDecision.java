package io.fhirnotary.interceptors.consent;

import java.util.Objects;

/**
 * Whether a caller may see one resource, why, and which Consent decided — what the adapter needs
 * to filter the response and to write the AuditEvent.
 *
 * @param reason            why; also fixes the verdict ({@link ConsentReason#permits()})
 * @param consentReference  the Consent that decided ({@code Consent/id}, with {@code /_history/v}
 *                          when the Consent carried a version), or null when no Consent did. For
 *                          {@link ConsentReason#EMERGENCY} it is the Consent whose deny the
 *                          emergency access overrode, if any
 */
public record ConsentDecision(ConsentReason reason, String consentReference) {

	public ConsentDecision {
		Objects.requireNonNull(reason, "reason");
	}

	static ConsentDecision because(ConsentReason reason) {
		return new ConsentDecision(reason, null);
	}

	/** True when the caller may see the resource. */
	public boolean permitted() {
		return reason.permits();
	}

	/** True when the access breaks the glass and must be audited (and shown to the patient) as such. */
	public boolean emergency() {
		return reason == ConsentReason.EMERGENCY;
	}
}
