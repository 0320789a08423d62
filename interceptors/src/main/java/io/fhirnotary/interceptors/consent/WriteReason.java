package io.fhirnotary.interceptors.consent;

/** Why a write is allowed or refused; every reason belongs to exactly one outcome. */
public enum WriteReason {
	/** A configured custodian system with a {@code system/} scope for the write. */
	CUSTODIAN(true),
	/** A patient writing one of its own Consents (including approving or rejecting a request). */
	OWN_CONSENT(true),
	/** A practitioner or organisation asking for access: a proposed Consent naming only itself. */
	ACCESS_REQUEST(true),
	/** A Practitioner creating a MedicationRequest it is the requester of. */
	PRESCRIBER(true),
	/** The requester of a MedicationRequest updating it, staying its requester. */
	REQUESTER_UPDATE(true),
	/** Recording a dispense of a prescription the caller can see. */
	DISPENSE_OF_SHARED_PRESCRIPTION(true),

	/** Nobody updates or deletes an AuditEvent. */
	AUDIT_EVENT_IMMUTABLE(false),
	/** AuditEvents are written by the server (and custodians), not by clients. */
	AUDIT_EVENT_SERVER_ONLY(false),
	/** The token's scopes do not allow this interaction on the type at the caller's level. */
	SCOPE_MISSING(false),
	/** A patient touching a Consent of someone else. */
	NOT_OWN_CONSENT(false),
	/** A non-patient writing a Consent that is not a create of a proposed request naming only itself. */
	NOT_AN_ACCESS_REQUEST(false),
	/** Only Practitioners create MedicationRequests. */
	NOT_A_PRESCRIBER(false),
	/** Only the requester (or a custodian) writes a MedicationRequest, and cannot hand it to another. */
	NOT_THE_REQUESTER(false),
	/** A dispense whose prescription is missing or not shared with the caller. */
	PRESCRIPTION_NOT_SHARED(false),
	/** The token names no user and no organisation. */
	UNIDENTIFIED_CALLER(false),
	/** No rule allows this write. */
	NOT_PERMITTED(false);

	private final boolean allows;

	WriteReason(boolean allows) {
		this.allows = allows;
	}

	public boolean allows() {
		return allows;
	}
}
