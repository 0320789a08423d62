package io.fhirnotary.interceptors.consent;

/**
 * Why a caller may or may not see a resource. Every reason belongs to exactly one verdict, so a
 * decision can never say "permit because the scope is missing".
 */
public enum ConsentReason {
	/** The caller is the patient whose compartment holds the resource. */
	PATIENT_SELF(true),
	/** The caller is the Practitioner named as {@code MedicationRequest.requester}. */
	PRESCRIBER(true),
	/** A configured custodian system with {@code system/} scopes for the type. */
	CUSTODIAN(true),
	/** A configured auditor reading an AuditEvent. */
	AUDITOR(true),
	/** Break the glass: a practitioner with purpose {@code ETREAT}; audit it as emergency. */
	EMERGENCY(true),
	/** An active patient-privacy Consent permits it. */
	CONSENT_PERMIT(true),
	/** The resource is a Consent that names the caller as actor (its own access request). */
	CONSENT_NAMES_CALLER(true),
	/** No Consent provision decided and the configured default is permit (opt-out). */
	DEFAULT_PERMIT(true),
	/** The resource belongs to no patient (Organization, Practitioner, Medication, …). */
	NOT_PATIENT_DATA(true),

	/** The caller's scopes do not allow reading or searching the type at the level its path needs. */
	SCOPE_MISSING(false),
	/** An auditor asked for something other than an AuditEvent. */
	NOT_AUDIT_CONTENT(false),
	/** AuditEvents are for the patient they are about, auditors and custodians only. */
	AUDIT_RESTRICTED(false),
	/** A matching deny provision of an active Consent. */
	CONSENT_DENY(false),
	/** No Consent provision decided and the configured default is deny (opt-in). */
	NO_CONSENT_DEFAULT_DENY(false),
	/** The caller names no user and no organisation, so no Consent can name it. */
	UNIDENTIFIED_CALLER(false),
	/**
	 * A resource of a type that belongs in patient compartments was found in none (for example a
	 * Consent without {@code patient}); nobody can tell whose it is, so only custodians see it.
	 */
	NO_PATIENT_FOR_PATIENT_DATA(false);

	private final boolean permits;

	ConsentReason(boolean permits) {
		this.permits = permits;
	}

	/** Whether this reason lets the caller see the resource. */
	public boolean permits() {
		return permits;
	}
}
