package io.fhirnotary.interceptors.consent;

import static io.fhirnotary.interceptors.consent.Consents.consent;
import static io.fhirnotary.interceptors.consent.Consents.permit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.Interaction;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 3's write rules as a truth table over {@link WriteRules}: caller × write → reason. */
class WriteRulesTests {

	private static final Map<String, Caller> CALLERS = new HashMap<>();
	private static final Map<String, WriteRequest> WRITES = new HashMap<>();

	static {
		caller("patientA", Caller.builder().fhirUser("Patient/A").scopes("patient/*.rs patient/Consent.cud"));
		caller("patientA-read-only", Caller.builder().fhirUser("Patient/A").scopes("patient/*.rs"));
		caller("patientA-v1-write", Caller.builder().fhirUser("Patient/A").scopes("patient/Consent.write"));
		caller("patientA-all-scopes", Caller.builder().fhirUser("Patient/A").scopes("patient/*.cruds"));
		caller("patientB", Caller.builder().fhirUser("Patient/B").scopes("patient/Consent.cud"));
		caller("prescriber", Caller.builder().fhirUser("Practitioner/doc1").scopes("user/*.rs user/MedicationRequest.cruds"));
		caller("prescriber-read-only", Caller.builder().fhirUser("Practitioner/doc1").scopes("user/*.rs"));
		caller("prescriber-all-scopes", Caller.builder().fhirUser("Practitioner/doc1").scopes("user/*.cruds"));
		caller("other-doctor", Caller.builder().fhirUser("Practitioner/doc2").scopes("user/MedicationRequest.cruds"));
		caller("pharmacy1", Caller.builder().fhirUser("Organization/pharm1")
				.scopes("user/*.rs user/Consent.c user/MedicationDispense.cu"));
		caller("pharmacy1-prescribing", Caller.builder().fhirUser("Organization/pharm1").scopes("user/MedicationRequest.c"));
		caller("pharmacy2", Caller.builder().fhirUser("Organization/pharm2")
				.scopes("user/*.rs user/Consent.cu user/MedicationDispense.c"));
		caller("pharmacy2-read-only", Caller.builder().fhirUser("Organization/pharm2").scopes("user/*.rs"));
		caller("pharmacist-of-pharmacy2", Caller.builder().fhirUser("Practitioner/ph2").organization("Organization/pharm2")
				.scopes("user/Consent.c"));
		caller("custodian", Caller.builder().clientId("hospital-ehr").custodian(true).scopes("system/*.cruds"));
		caller("custodian-read-only", Caller.builder().clientId("hospital-ehr").custodian(true).scopes("system/*.rs"));
		caller("auditor", Caller.builder().clientId("audit").auditor(true).scopes("system/*.cruds"));
		caller("unidentified", Caller.builder().clientId("some-app").scopes("user/*.cruds"));

		Consent ofA = consent("a-shares", "Patient/A").grant(permit().actor("Organization/pharm1"));
		Consent ofARevoked = consent("a-shares", "Patient/A").status(ConsentState.INACTIVE)
				.grant(permit().actor("Organization/pharm1"));
		Consent ofB = consent("b-shares", "Patient/B").grant(permit().actor("Organization/pharm1"));
		Consent ofAMovedToB = consent("a-shares", "Patient/B").grant(permit().actor("Organization/pharm1"));
		Consent request = consent("pharm2-asks", "Patient/A").status(ConsentState.PROPOSED)
				.grant(permit().actor("Organization/pharm2").types("MedicationRequest"));
		Consent approved = consent("pharm2-asks", "Patient/A")
				.grant(permit().actor("Organization/pharm2").types("MedicationRequest"));
		Consent rejected = consent("pharm2-asks", "Patient/A").status(ConsentState.REJECTED)
				.grant(permit().actor("Organization/pharm2").types("MedicationRequest"));
		Consent requestForOther = consent("pharm2-asks-for-1", "Patient/A").status(ConsentState.PROPOSED)
				.grant(permit().actor("Organization/pharm1"));
		Consent requestForTwo = consent("pharm2-asks-for-both", "Patient/A").status(ConsentState.PROPOSED)
				.grant(permit().actor("Organization/pharm2").except(permit().actor("Organization/pharm1")));
		Consent requestWithoutActor = consent("pharm2-asks-for-anyone", "Patient/A").status(ConsentState.PROPOSED)
				.grant(permit().types("MedicationRequest"));
		Consent requestWithoutPatient = consent("pharm2-asks-nobody", null).status(ConsentState.PROPOSED)
				.grant(permit().actor("Organization/pharm2"));
		Consent requestOutsidePrivacy = consent("pharm2-research", "Patient/A").status(ConsentState.PROPOSED)
				.scope(ConsentCodes.SCOPE_SYSTEM, "research").grant(permit().actor("Organization/pharm2"));

		write("create consent of A", WriteRequest.create(ofA));
		write("create consent of B", WriteRequest.create(ofB));
		write("revoke consent of A", WriteRequest.update(ofA, ofARevoked));
		write("move consent of A to B", WriteRequest.update(ofA, ofAMovedToB));
		write("delete consent of A", WriteRequest.delete(ofA));
		write("create access request", WriteRequest.create(request));
		write("approve access request", WriteRequest.update(request, approved));
		write("reject access request", WriteRequest.update(request, rejected));
		write("create request for another pharmacy", WriteRequest.create(requestForOther));
		write("create request for two pharmacies", WriteRequest.create(requestForTwo));
		write("create request for anyone", WriteRequest.create(requestWithoutActor));
		write("create request without patient", WriteRequest.create(requestWithoutPatient));
		write("create request outside patient-privacy", WriteRequest.create(requestOutsidePrivacy));
		write("create active consent for itself", WriteRequest.create(approved));

		MedicationRequest byDoc1 = prescription("a1", "Practitioner/doc1");
		MedicationRequest byDoc2 = prescription("a2", "Practitioner/doc2");
		MedicationRequest handedToDoc2 = prescription("a1", "Practitioner/doc2");
		MedicationRequest withoutRequester = prescription("a3", null);
		write("create prescription by doc1", WriteRequest.create(byDoc1));
		write("create prescription by doc2", WriteRequest.create(byDoc2));
		write("create prescription without requester", WriteRequest.create(withoutRequester));
		write("update prescription by doc1", WriteRequest.update(byDoc1, byDoc1.copy()));
		write("update prescription by doc2", WriteRequest.update(byDoc2, byDoc2.copy()));
		write("update-as-create prescription by doc1", WriteRequest.update(null, byDoc1));
		write("hand prescription to doc2", WriteRequest.update(byDoc1, handedToDoc2));
		write("delete prescription by doc1", WriteRequest.delete(byDoc1));

		MedicationDispense dispense = new MedicationDispense();
		dispense.setSubject(new Reference("Patient/A"));
		dispense.addAuthorizingPrescription(new Reference("MedicationRequest/a1"));
		MedicationDispense dispenseWithoutPrescription = new MedicationDispense();
		dispenseWithoutPrescription.setSubject(new Reference("Patient/A"));
		write("dispense shared prescription", WriteRequest.create(dispense).withAuthorizingPrescriptionVisible(true));
		write("dispense unshared prescription", WriteRequest.create(dispense).withAuthorizingPrescriptionVisible(false));
		write("dispense without prescription",
				WriteRequest.create(dispenseWithoutPrescription).withAuthorizingPrescriptionVisible(true));
		write("update dispense", WriteRequest.update(dispense, dispense.copy()).withAuthorizingPrescriptionVisible(true));

		AuditEvent auditEvent = new AuditEvent();
		write("create AuditEvent", WriteRequest.create(auditEvent));
		write("update AuditEvent", WriteRequest.update(auditEvent, auditEvent.copy()));
		write("delete AuditEvent", WriteRequest.delete(auditEvent));

		Patient patientA = new Patient();
		patientA.setId("A");
		write("update Patient A", WriteRequest.update(patientA, patientA.copy()));
		Observation observation = new Observation();
		observation.setSubject(new Reference("Patient/A"));
		write("create Observation", WriteRequest.create(observation));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
		# scenario                                         | caller                  | write                                  | reason
		# --- patients write only their own Consents
		patient creates own consent                        | patientA                | create consent of A                    | OWN_CONSENT
		patient revokes own consent                        | patientA                | revoke consent of A                    | OWN_CONSENT
		patient deletes own consent                        | patientA                | delete consent of A                    | OWN_CONSENT
		patient approves an access request                 | patientA                | approve access request                 | OWN_CONSENT
		patient rejects an access request                  | patientA                | reject access request                  | OWN_CONSENT
		patient with a v1 write scope                      | patientA-v1-write       | create consent of A                    | OWN_CONSENT
		patient cannot write a consent for another patient | patientA                | create consent of B                    | NOT_OWN_CONSENT
		patient cannot move own consent to another patient | patientA                | move consent of A to B                 | NOT_OWN_CONSENT
		patient B cannot revoke A's consent                | patientB                | revoke consent of A                    | NOT_OWN_CONSENT
		patient B cannot approve A's access request        | patientB                | approve access request                 | NOT_OWN_CONSENT
		patient without a write scope                      | patientA-read-only      | create consent of A                    | SCOPE_MISSING
		patient cannot prescribe                           | patientA-all-scopes     | create prescription by doc1            | NOT_PERMITTED
		patient cannot edit its Patient resource           | patientA-all-scopes     | update Patient A                       | NOT_PERMITTED
		patient cannot record a dispense                   | patientA-all-scopes     | dispense shared prescription           | NOT_PERMITTED
		# --- access requests: a proposed Consent naming only the requester
		pharmacy asks for access                           | pharmacy2               | create access request                  | ACCESS_REQUEST
		pharmacist asks for access for its pharmacy        | pharmacist-of-pharmacy2 | create access request                  | ACCESS_REQUEST
		pharmacy cannot ask on behalf of another           | pharmacy2               | create request for another pharmacy    | NOT_AN_ACCESS_REQUEST
		pharmacy cannot slip in a second party             | pharmacy2               | create request for two pharmacies      | NOT_AN_ACCESS_REQUEST
		request must name its requester                    | pharmacy2               | create request for anyone              | NOT_AN_ACCESS_REQUEST
		request must name a patient                        | pharmacy2               | create request without patient         | NOT_AN_ACCESS_REQUEST
		request must be about patient privacy              | pharmacy2               | create request outside patient-privacy | NOT_AN_ACCESS_REQUEST
		pharmacy cannot grant itself access                | pharmacy2               | create active consent for itself       | NOT_AN_ACCESS_REQUEST
		pharmacy cannot approve its own request            | pharmacy2               | approve access request                 | NOT_AN_ACCESS_REQUEST
		pharmacy without a Consent create scope            | pharmacy2-read-only     | create access request                  | SCOPE_MISSING
		# --- prescriptions: prescribers create, the requester (or a custodian) updates
		prescriber creates its prescription                | prescriber              | create prescription by doc1            | PRESCRIBER
		prescriber cannot prescribe in another's name      | prescriber              | create prescription by doc2            | NOT_THE_REQUESTER
		prescription must name its requester               | prescriber              | create prescription without requester  | NOT_THE_REQUESTER
		prescriber without a write scope                   | prescriber-read-only    | create prescription by doc1            | SCOPE_MISSING
		pharmacy cannot prescribe                          | pharmacy1-prescribing   | create prescription by doc1            | NOT_A_PRESCRIBER
		requester updates its prescription                 | prescriber              | update prescription by doc1            | REQUESTER_UPDATE
		requester creates its prescription by update       | prescriber              | update-as-create prescription by doc1  | REQUESTER_UPDATE
		requester cannot hand its prescription over        | prescriber              | hand prescription to doc2              | NOT_THE_REQUESTER
		other doctor cannot update the prescription        | other-doctor            | update prescription by doc1            | NOT_THE_REQUESTER
		prescriber cannot delete a prescription            | prescriber              | delete prescription by doc1            | NOT_PERMITTED
		custodian updates any prescription                 | custodian               | update prescription by doc2            | CUSTODIAN
		custodian deletes a prescription                   | custodian               | delete prescription by doc1            | CUSTODIAN
		# --- dispenses: only for prescriptions shared with the pharmacy
		pharmacy dispenses a shared prescription           | pharmacy1               | dispense shared prescription           | DISPENSE_OF_SHARED_PRESCRIPTION
		pharmacy cannot dispense an unshared prescription  | pharmacy1               | dispense unshared prescription         | PRESCRIPTION_NOT_SHARED
		dispense must name its prescription                | pharmacy1               | dispense without prescription          | PRESCRIPTION_NOT_SHARED
		pharmacy cannot update a dispense                  | pharmacy1               | update dispense                        | NOT_PERMITTED
		pharmacy without a dispense create scope           | pharmacy2-read-only     | dispense shared prescription           | SCOPE_MISSING
		# --- AuditEvents: nobody updates or deletes them
		custodian cannot update an AuditEvent              | custodian               | update AuditEvent                      | AUDIT_EVENT_IMMUTABLE
		custodian cannot delete an AuditEvent              | custodian               | delete AuditEvent                      | AUDIT_EVENT_IMMUTABLE
		auditor cannot update an AuditEvent                | auditor                 | update AuditEvent                      | AUDIT_EVENT_IMMUTABLE
		patient cannot delete an AuditEvent                | patientA-all-scopes     | delete AuditEvent                      | AUDIT_EVENT_IMMUTABLE
		custodian may submit an AuditEvent                 | custodian               | create AuditEvent                      | CUSTODIAN
		others cannot forge AuditEvents                    | prescriber-all-scopes   | create AuditEvent                      | AUDIT_EVENT_SERVER_ONLY
		# --- custodians write anything else; everyone else nothing else
		custodian writes any resource                      | custodian               | create Observation                     | CUSTODIAN
		custodian writes a patient's consent               | custodian               | create consent of A                    | CUSTODIAN
		custodian client without write scope is nobody     | custodian-read-only     | create Observation                     | SCOPE_MISSING
		auditor writes nothing                             | auditor                 | create Observation                     | SCOPE_MISSING
		practitioner writes no other clinical data         | prescriber-all-scopes   | create Observation                     | NOT_PERMITTED
		unidentified client writes nothing                 | unidentified            | create Observation                     | UNIDENTIFIED_CALLER
		""")
	void decides(String scenario, String caller, String write, WriteReason reason) {
		WriteDecision decision = WriteRules.decide(caller(caller), write(write));
		assertThat(decision.reason()).as(scenario).isEqualTo(reason);
		assertThat(decision.allowed()).as(scenario).isEqualTo(reason.allows());
	}

	@Test
	void writeRequestRefusesReadsAndMismatchedShapes() {
		Observation observation = new Observation();
		assertThatThrownBy(() -> new WriteRequest(Interaction.READ, "Observation", null, observation, false))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new WriteRequest(Interaction.CREATE, "Observation", null, null, false))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new WriteRequest(Interaction.CREATE, "Observation", observation, observation, false))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new WriteRequest(Interaction.UPDATE, "Patient", null, observation, false))
				.isInstanceOf(IllegalArgumentException.class);
	}

	private static Caller caller(String key) {
		Caller caller = CALLERS.get(key);
		if (caller == null) {
			throw new IllegalArgumentException("no caller named " + key);
		}
		return caller;
	}

	private static WriteRequest write(String key) {
		WriteRequest write = WRITES.get(key);
		if (write == null) {
			throw new IllegalArgumentException("no write named " + key);
		}
		return write;
	}

	private static void caller(String key, Caller.Builder builder) {
		CALLERS.put(key, builder.build());
	}

	private static void write(String key, WriteRequest write) {
		WRITES.put(key, write);
	}

	private static MedicationRequest prescription(String id, String requester) {
		MedicationRequest prescription = new MedicationRequest();
		prescription.setId(id);
		prescription.setSubject(new Reference("Patient/A"));
		if (requester != null) {
			prescription.setRequester(new Reference(requester));
		}
		return prescription;
	}
}
