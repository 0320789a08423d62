package io.fhirnotary.interceptors.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DESIGN §5's table and issue 3's matrix rows as one truth table over {@link ConsentDecider}.
 * Callers, resources and Consents are named in {@link ConsentWorld}: patient A owns prescriptions
 * {@code a1} (by the prescriber) and {@code a2} (by another doctor), dispense {@code a1}, an
 * Observation and an AuditEvent; patient B owns prescription {@code b1}. Every row is a test that
 * fails on its own; the expected Consent is the one the audit trail must name.
 */
class ConsentDecisionTableTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
		# scenario                                               | caller                        | resource                          | patient's consents                                  | default | reason                  | deciding consent
		# --- patient A: everything in the own compartment, with a patient/ (or user/) read scope
		patient A reads own prescription                         | patientA                      | MedicationRequest/a1              | -                                                   | deny    | PATIENT_SELF            | -
		patient A reads a prescription by another doctor         | patientA                      | MedicationRequest/a2              | -                                                   | deny    | PATIENT_SELF            | -
		patient A reads own Patient resource                     | patientA                      | Patient/A                         | -                                                   | deny    | PATIENT_SELF            | -
		patient A reads who looked at their data                 | patientA                      | AuditEvent/a1                     | -                                                   | deny    | PATIENT_SELF            | -
		patient A reads own Consent                              | patientA                      | Consent/pharm1-meds               | pharm1-meds                                         | deny    | PATIENT_SELF            | -
		patient A reads an access request about them             | patientA                      | Consent/pharm2-request            | pharm2-request                                      | deny    | PATIENT_SELF            | -
		patient A sees own data despite a deny-everyone Consent  | patientA                      | Observation/a1                    | deny-everyone                                       | deny    | PATIENT_SELF            | -
		patient A with user/ scopes                              | patientA-user-scopes          | MedicationRequest/a1              | -                                                   | deny    | PATIENT_SELF            | -
		patient A without a read scope                           | patientA-no-read-scope        | MedicationRequest/a1              | -                                                   | deny    | SCOPE_MISSING           | -
		patient A without a scope for Observation                | patientA-prescriptions-only   | Observation/a1                    | -                                                   | deny    | SCOPE_MISSING           | -
		# --- patient B: nothing of A's; patient/ scopes never reach another compartment
		patient B cannot read A's prescription                   | patientB-user-scopes          | MedicationRequest/a1              | -                                                   | deny    | NO_CONSENT_DEFAULT_DENY | -
		patient B's patient/ scopes do not reach A's compartment | patientB                      | MedicationRequest/a1              | -                                                   | deny    | SCOPE_MISSING           | -
		patient B cannot use patient/ scopes on A even opt-out   | patientB                      | MedicationRequest/a1              | -                                                   | permit  | SCOPE_MISSING           | -
		patient B cannot read A's AuditEvents                    | patientB                      | AuditEvent/a1                     | -                                                   | deny    | AUDIT_RESTRICTED        | -
		patient B reads own prescription                         | patientB                      | MedicationRequest/b1              | b-pharm1-meds                                       | deny    | PATIENT_SELF            | -
		# --- prescriber: the MedicationRequests it authored, nothing else without a Consent
		prescriber reads the prescription it wrote               | prescriber                    | MedicationRequest/a1              | -                                                   | deny    | PRESCRIBER              | -
		prescriber reads its prescription for patient B          | prescriber                    | MedicationRequest/b1              | -                                                   | deny    | PRESCRIBER              | -
		prescriber keeps its prescription despite a deny         | prescriber                    | MedicationRequest/a1              | deny-prescriber                                     | deny    | PRESCRIBER              | -
		prescriber cannot read another doctor's prescription     | prescriber                    | MedicationRequest/a2              | -                                                   | deny    | NO_CONSENT_DEFAULT_DENY | -
		prescriber cannot read the rest of the compartment       | prescriber                    | Observation/a1                    | -                                                   | deny    | NO_CONSENT_DEFAULT_DENY | -
		prescriber cannot read the patient's AuditEvents         | prescriber                    | AuditEvent/a1                     | -                                                   | deny    | AUDIT_RESTRICTED        | -
		doctor who wrote nothing sees nothing                    | other-doctor                  | MedicationRequest/a1              | -                                                   | deny    | NO_CONSENT_DEFAULT_DENY | -
		# --- pharmacy with a Consent for prescriptions, dispenses and the Patient resource
		pharmacy with consent reads shared prescription          | pharmacy1                     | MedicationRequest/a1              | pharm1-meds                                         | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		pharmacy with consent reads every prescription           | pharmacy1                     | MedicationRequest/a2              | pharm1-meds                                         | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		pharmacy with consent reads the dispense                 | pharmacy1                     | MedicationDispense/a1             | pharm1-meds                                         | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		pharmacy with consent reads the Patient resource         | pharmacy1                     | Patient/A                         | pharm1-meds                                         | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		pharmacy with consent cannot read unshared types         | pharmacy1                     | Observation/a1                    | pharm1-meds                                         | deny    | NO_CONSENT_DEFAULT_DENY | -
		pharmacy sees a Consent that names it                    | pharmacy1                     | Consent/pharm1-research-only      | pharm1-meds                                         | deny    | CONSENT_NAMES_CALLER    | Consent/pharm1-research-only
		pharmacy cannot read a Consent naming someone else       | pharmacy1                     | Consent/pharm2-approved           | pharm1-meds                                         | deny    | NO_CONSENT_DEFAULT_DENY | -
		pharmacy with consent cannot read AuditEvents            | pharmacy1                     | AuditEvent/a1                     | pharm1-meds                                         | deny    | AUDIT_RESTRICTED        | -
		patient A's consent grants nothing on patient B          | pharmacy1                     | MedicationRequest/b1              | pharm1-meds                                         | deny    | NO_CONSENT_DEFAULT_DENY | -
		pharmacy with v1 read scope                              | pharmacy1-v1-scopes           | MedicationRequest/a1              | pharm1-meds                                         | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		# --- pharmacy without a Consent
		pharmacy without consent sees no prescription            | pharmacy2                     | MedicationRequest/a1              | -                                                   | deny    | NO_CONSENT_DEFAULT_DENY | -
		pharmacy without consent gains nothing from another's    | pharmacy2                     | MedicationRequest/a1              | pharm1-meds                                         | deny    | NO_CONSENT_DEFAULT_DENY | -
		pharmacy without consent still reads Organizations       | pharmacy2                     | Organization/pharm1               | -                                                   | deny    | NOT_PATIENT_DATA        | -
		# --- pharmacy with a Consent for one MedicationRequest (selective disclosure)
		pharmacy with one-prescription consent reads it          | pharmacy3                     | MedicationRequest/a1              | pharm3-one-prescription                             | deny    | CONSENT_PERMIT          | Consent/pharm3-one-prescription
		pharmacy with one-prescription consent not the other     | pharmacy3                     | MedicationRequest/a2              | pharm3-one-prescription                             | deny    | NO_CONSENT_DEFAULT_DENY | -
		instance meaning does not reach the dispense             | pharmacy3                     | MedicationDispense/a1             | pharm3-one-prescription                             | deny    | NO_CONSENT_DEFAULT_DENY | -
		instance meaning does not reach the Patient              | pharmacy3                     | Patient/A                         | pharm3-one-prescription                             | deny    | NO_CONSENT_DEFAULT_DENY | -
		# --- Consents out of force: expired, not yet started, revoked and other statuses grant nothing
		expired consent                                          | pharmacy1                     | MedicationRequest/a1              | pharm1-expired                                      | deny    | NO_CONSENT_DEFAULT_DENY | -
		consent not yet started                                  | pharmacy1                     | MedicationRequest/a1              | pharm1-not-yet                                      | deny    | NO_CONSENT_DEFAULT_DENY | -
		revoked consent (inactive)                               | pharmacy1                     | MedicationRequest/a1              | pharm1-inactive                                     | deny    | NO_CONSENT_DEFAULT_DENY | -
		rejected consent                                         | pharmacy1                     | MedicationRequest/a1              | pharm1-rejected                                     | deny    | NO_CONSENT_DEFAULT_DENY | -
		draft consent                                            | pharmacy1                     | MedicationRequest/a1              | pharm1-draft                                        | deny    | NO_CONSENT_DEFAULT_DENY | -
		proposed consent                                         | pharmacy1                     | MedicationRequest/a1              | pharm1-proposed                                     | deny    | NO_CONSENT_DEFAULT_DENY | -
		entered-in-error consent                                 | pharmacy1                     | MedicationRequest/a1              | pharm1-entered-in-error                             | deny    | NO_CONSENT_DEFAULT_DENY | -
		revoked consent next to a live one                       | pharmacy1                     | MedicationRequest/a1              | pharm1-inactive+pharm1-meds                         | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		# --- deny provisions: nested exceptions and deny-wins
		permit-all with nested deny: prescription visible        | pharmacy1                     | MedicationRequest/a1              | pharm1-all-but-observations                         | deny    | CONSENT_PERMIT          | Consent/pharm1-all-but-observations
		permit-all with nested deny: observation hidden          | pharmacy1                     | Observation/a1                    | pharm1-all-but-observations                         | deny    | CONSENT_DENY            | Consent/pharm1-all-but-observations
		deny in one consent beats permit in another              | pharmacy1                     | MedicationRequest/a1              | pharm1-meds+pharm1-deny-prescriptions               | deny    | CONSENT_DENY            | Consent/pharm1-deny-prescriptions
		deny beats permit whatever the order                     | pharmacy1                     | MedicationRequest/a1              | pharm1-deny-prescriptions+pharm1-meds               | deny    | CONSENT_DENY            | Consent/pharm1-deny-prescriptions
		deny of prescriptions leaves shared dispenses            | pharmacy1                     | MedicationDispense/a1             | pharm1-meds+pharm1-deny-prescriptions               | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		deny-everyone stops a permit                             | pharmacy1                     | MedicationRequest/a1              | pharm1-meds+deny-everyone                           | deny    | CONSENT_DENY            | Consent/deny-everyone
		# --- emergency: practitioner + ETREAT, flagged for the audit trail
		emergency reads a prescription without consent           | emergency-doctor              | MedicationRequest/a1              | -                                                   | deny    | EMERGENCY               | -
		emergency reads the rest of the compartment              | emergency-doctor              | Observation/a1                    | -                                                   | deny    | EMERGENCY               | -
		emergency breaks the glass past an explicit deny         | emergency-doctor              | MedicationRequest/a1              | deny-emergency-doctor                               | deny    | EMERGENCY               | Consent/deny-emergency-doctor
		emergency is flagged even when opt-out would permit      | emergency-doctor              | MedicationRequest/a1              | -                                                   | permit  | EMERGENCY               | -
		emergency never reaches AuditEvents                      | emergency-doctor              | AuditEvent/a1                     | -                                                   | deny    | AUDIT_RESTRICTED        | -
		ETREAT on an organisation token is no emergency          | pharmacy2-etreat              | MedicationRequest/a1              | -                                                   | deny    | NO_CONSENT_DEFAULT_DENY | -
		# --- auditor: AuditEvents only, never clinical content
		auditor reads an AuditEvent                              | auditor                       | AuditEvent/a1                     | -                                                   | deny    | AUDITOR                 | -
		auditor reads an AuditEvent about no patient             | auditor                       | AuditEvent/system1                | -                                                   | deny    | AUDITOR                 | -
		auditor never reads prescriptions                        | auditor-all-scopes            | MedicationRequest/a1              | -                                                   | deny    | NOT_AUDIT_CONTENT       | -
		auditor never reads prescriptions even opt-out           | auditor-all-scopes            | MedicationRequest/a1              | -                                                   | permit  | NOT_AUDIT_CONTENT       | -
		auditor never reads Patients                             | auditor-all-scopes            | Patient/A                         | -                                                   | deny    | NOT_AUDIT_CONTENT       | -
		auditor never reads Consents                             | auditor-all-scopes            | Consent/pharm1-meds               | pharm1-meds                                         | deny    | NOT_AUDIT_CONTENT       | -
		auditor reads only AuditEvents, not even Organizations   | auditor-all-scopes            | Organization/pharm1               | -                                                   | deny    | NOT_AUDIT_CONTENT       | -
		auditor needs a system/ scope                            | auditor-user-scope            | AuditEvent/a1                     | -                                                   | deny    | SCOPE_MISSING           | -
		# --- custodian: everything, with system/ scopes
		custodian reads a prescription                           | custodian                     | MedicationRequest/a1              | -                                                   | deny    | CUSTODIAN               | -
		custodian reads past a deny-everyone consent             | custodian                     | Observation/a1                    | deny-everyone                                       | deny    | CUSTODIAN               | -
		custodian reads AuditEvents                              | custodian                     | AuditEvent/a1                     | -                                                   | deny    | CUSTODIAN               | -
		custodian reads patient data found in no compartment     | custodian                     | Consent/orphan                    | -                                                   | deny    | CUSTODIAN               | -
		custodian client without system/ scopes is nobody        | custodian-user-scopes         | MedicationRequest/a1              | -                                                   | deny    | UNIDENTIFIED_CALLER     | -
		# --- default policy when no Consent provision decides
		opt-out lets a pharmacy without consent read             | pharmacy2                     | MedicationRequest/a1              | -                                                   | permit  | DEFAULT_PERMIT          | -
		opt-out: another party's permit does not shut others out | pharmacy2                     | MedicationRequest/a1              | pharm1-meds                                         | permit  | DEFAULT_PERMIT          | -
		opt-out still honours a deny                             | pharmacy1                     | MedicationRequest/a1              | pharm1-deny-prescriptions                           | permit  | CONSENT_DENY            | Consent/pharm1-deny-prescriptions
		opt-out still needs user/ scopes                         | pharmacy1-patient-scopes      | MedicationRequest/a1              | -                                                   | permit  | SCOPE_MISSING           | -
		opt-out never serves an unidentified caller              | unidentified                  | MedicationRequest/a1              | -                                                   | permit  | UNIDENTIFIED_CALLER     | -
		opt-out still keeps AuditEvents closed                   | pharmacy2                     | AuditEvent/a1                     | -                                                   | permit  | AUDIT_RESTRICTED        | -
		opt-in denies a pharmacy without consent                 | pharmacy2                     | MedicationRequest/a1              | -                                                   | deny    | NO_CONSENT_DEFAULT_DENY | -
		# --- purpose of use
		purpose matches                                          | pharmacy1                     | MedicationRequest/a1              | pharm1-treatment-only                               | deny    | CONSENT_PERMIT          | Consent/pharm1-treatment-only
		purpose mismatch                                         | pharmacy1                     | MedicationRequest/a1              | pharm1-research-only                                | deny    | NO_CONSENT_DEFAULT_DENY | -
		no purpose declared does not meet a purpose-bound permit | pharmacy1-no-purpose          | MedicationRequest/a1              | pharm1-treatment-only                               | deny    | NO_CONSENT_DEFAULT_DENY | -
		# --- actor via organisation
		pharmacist acting for the consented pharmacy             | pharmacist-of-pharmacy1       | MedicationRequest/a1              | pharm1-meds                                         | deny    | CONSENT_PERMIT          | Consent/pharm1-meds
		pharmacist acting for another pharmacy                   | pharmacist-of-pharmacy2       | MedicationRequest/a1              | pharm1-meds                                         | deny    | NO_CONSENT_DEFAULT_DENY | -
		# --- access requests: proposed Consents are visible to their requester, and grant nothing
		requester sees its own proposed consent                  | pharmacy2                     | Consent/pharm2-request            | pharm2-request                                      | deny    | CONSENT_NAMES_CALLER    | Consent/pharm2-request
		requester sees nothing else while proposed               | pharmacy2                     | MedicationRequest/a1              | pharm2-request                                      | deny    | NO_CONSENT_DEFAULT_DENY | -
		another pharmacy cannot see the request                  | pharmacy1                     | Consent/pharm2-request            | pharm2-request                                      | deny    | NO_CONSENT_DEFAULT_DENY | -
		approved request lets the requester read                 | pharmacy2                     | MedicationRequest/a1              | pharm2-approved                                     | deny    | CONSENT_PERMIT          | Consent/pharm2-approved
		requester sees that its request was rejected             | pharmacy2                     | Consent/pharm2-refused            | pharm2-refused                                      | deny    | CONSENT_NAMES_CALLER    | Consent/pharm2-refused
		rejected request grants nothing                          | pharmacy2                     | MedicationRequest/a1              | pharm2-refused                                      | deny    | NO_CONSENT_DEFAULT_DENY | -
		# --- resources in no patient compartment
		Organization visible to any caller with a read scope     | pharmacy2                     | Organization/pharm1               | -                                                   | deny    | NOT_PATIENT_DATA        | -
		Medication visible with a patient/ scope                 | patientA                      | Medication/m1                     | -                                                   | deny    | NOT_PATIENT_DATA        | -
		Practitioner visible to an unidentified client           | unidentified                  | Practitioner/doc1                 | -                                                   | deny    | NOT_PATIENT_DATA        | -
		reference data still needs a scope for its type          | patientA-prescriptions-only   | Practitioner/doc1                 | -                                                   | deny    | SCOPE_MISSING           | -
		AuditEvent about nobody is not public                    | patientA                      | AuditEvent/system1                | -                                                   | deny    | NO_PATIENT_FOR_PATIENT_DATA | -
		Consent without a patient is not public                  | pharmacy1                     | Consent/orphan                    | -                                                   | deny    | NO_PATIENT_FOR_PATIENT_DATA | -
		# --- scopes are part of the decision
		pharmacy with only patient/ scopes                       | pharmacy1-patient-scopes      | MedicationRequest/a1              | pharm1-meds                                         | deny    | SCOPE_MISSING           | -
		pharmacy without a scope for the type                    | pharmacy1-prescriptions-scope | MedicationDispense/a1             | pharm1-meds                                         | deny    | SCOPE_MISSING           | -
		pharmacy whose only scope is restricted by a query       | pharmacy1-restricted-scope    | MedicationRequest/a1              | pharm1-meds                                         | deny    | SCOPE_MISSING           | -
		""")
	void decides(String scenario, String caller, String resource, String consents, String policy,
			ConsentReason reason, String decidingConsent) {
		ConsentDecider decider = new ConsentDecider(DefaultConsentPolicy.fromProperty(policy));

		ConsentDecision decision = decider.decide(
				ConsentWorld.caller(caller),
				ConsentWorld.resource(resource),
				ConsentWorld.compartmentOf(resource),
				ConsentWorld.consents(consents),
				ConsentWorld.NOW);

		assertThat(decision.reason()).as(scenario).isEqualTo(reason);
		assertThat(decision.permitted()).as(scenario).isEqualTo(reason.permits());
		assertThat(decision.emergency()).as(scenario).isEqualTo(reason == ConsentReason.EMERGENCY);
		assertThat(decision.consentReference()).as(scenario).isEqualTo(decidingConsent);
	}
}
