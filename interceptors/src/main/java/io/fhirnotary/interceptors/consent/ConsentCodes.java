package io.fhirnotary.interceptors.consent;

/** Code systems and codes the decision functions read in R4 Consents. */
final class ConsentCodes {

	/** {@code Consent.scope}: only patient-privacy Consents decide who sees data. */
	static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
	static final String PATIENT_PRIVACY = "patient-privacy";

	/** {@code provision.class}: a FHIR resource type. */
	static final String RESOURCE_TYPES_SYSTEM = "http://hl7.org/fhir/resource-types";

	/** {@code provision.action}. */
	static final String ACTION_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentaction";
	static final String ACTION_ACCESS = "access";
	static final String ACTION_USE = "use";
	static final String ACTION_DISCLOSE = "disclose";
	static final String ACTION_COLLECT = "collect";
	static final String ACTION_CORRECT = "correct";

	private ConsentCodes() {}
}
