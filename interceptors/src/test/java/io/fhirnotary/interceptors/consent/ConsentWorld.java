package io.fhirnotary.interceptors.consent;

import static io.fhirnotary.interceptors.consent.Consents.consent;
import static io.fhirnotary.interceptors.consent.Consents.deny;
import static io.fhirnotary.interceptors.consent.Consents.permit;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The cast of the consent truth table: two patients, their prescriptions and records, the people
 * and systems asking for them, and the Consents patient A has written. Names in the table are the
 * keys of these maps.
 */
final class ConsentWorld {

	static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
	private static final Instant MONTH_AGO = NOW.minus(Duration.ofDays(30));
	private static final Instant IN_A_MONTH = NOW.plus(Duration.ofDays(30));

	static final String PATIENT_A = "Patient/A";
	static final String PATIENT_B = "Patient/B";
	static final String PRESCRIBER = "Practitioner/doc1";
	static final String OTHER_PRESCRIBER = "Practitioner/doc2";
	static final String PHARMACY_1 = "Organization/pharm1";
	static final String PHARMACY_2 = "Organization/pharm2";
	static final String PHARMACY_3 = "Organization/pharm3";
	static final String EMERGENCY_DOCTOR = "Practitioner/er1";

	static final Map<String, Caller> CALLERS = new HashMap<>();
	/** Resource by {@code Type/id}, each with the compartment the adapter would compute for it. */
	static final Map<String, Resource> RESOURCES = new HashMap<>();
	static final Map<String, String> COMPARTMENT = new HashMap<>();
	static final Map<String, Consent> CONSENTS = new HashMap<>();

	static {
		caller("patientA", Caller.builder().fhirUser(PATIENT_A).scopes("openid fhirUser launch/patient patient/*.rs"));
		caller("patientA-no-read-scope", Caller.builder().fhirUser(PATIENT_A).scopes("openid fhirUser"));
		caller("patientA-user-scopes", Caller.builder().fhirUser(PATIENT_A).scopes("user/*.rs"));
		caller("patientA-prescriptions-only", Caller.builder().fhirUser(PATIENT_A).scopes("patient/MedicationRequest.rs"));
		caller("patientB", Caller.builder().fhirUser(PATIENT_B).scopes("patient/*.rs"));
		caller("patientB-user-scopes", Caller.builder().fhirUser(PATIENT_B).scopes("user/*.rs"));
		caller("prescriber", Caller.builder().clientId("ehr").fhirUser(PRESCRIBER)
				.scopes("user/*.rs user/MedicationRequest.cruds").purposeOfUse("TREAT"));
		caller("other-doctor", Caller.builder().fhirUser(OTHER_PRESCRIBER).scopes("user/*.rs").purposeOfUse("TREAT"));
		caller("pharmacy1", Caller.builder().clientId("pharm1-app").fhirUser(PHARMACY_1)
				.scopes("user/*.rs user/MedicationDispense.c").purposeOfUse("TREAT"));
		caller("pharmacy1-no-purpose", Caller.builder().fhirUser(PHARMACY_1).scopes("user/*.rs"));
		caller("pharmacy1-patient-scopes", Caller.builder().fhirUser(PHARMACY_1).scopes("patient/*.rs"));
		caller("pharmacy1-prescriptions-scope", Caller.builder().fhirUser(PHARMACY_1).scopes("user/MedicationRequest.rs"));
		caller("pharmacy1-restricted-scope", Caller.builder().fhirUser(PHARMACY_1)
				.scopes("user/MedicationRequest.rs?status=active"));
		caller("pharmacy1-v1-scopes", Caller.builder().fhirUser(PHARMACY_1).scopes("user/*.read").purposeOfUse("TREAT"));
		caller("pharmacy2", Caller.builder().fhirUser(PHARMACY_2).scopes("user/*.rs").purposeOfUse("TREAT"));
		caller("pharmacy2-etreat", Caller.builder().fhirUser(PHARMACY_2).scopes("user/*.rs").purposeOfUse("ETREAT"));
		caller("pharmacy3", Caller.builder().fhirUser(PHARMACY_3).scopes("user/*.rs").purposeOfUse("TREAT"));
		caller("pharmacist-of-pharmacy1", Caller.builder().fhirUser("Practitioner/ph1").organization(PHARMACY_1)
				.scopes("user/*.rs").purposeOfUse("TREAT"));
		caller("pharmacist-of-pharmacy2", Caller.builder().fhirUser("Practitioner/ph2").organization(PHARMACY_2)
				.scopes("user/*.rs").purposeOfUse("TREAT"));
		caller("emergency-doctor", Caller.builder().fhirUser(EMERGENCY_DOCTOR).scopes("user/*.rs").purposeOfUse("ETREAT"));
		caller("auditor", Caller.builder().clientId("audit").auditor(true).scopes("system/AuditEvent.rs"));
		caller("auditor-all-scopes", Caller.builder().clientId("audit").auditor(true).scopes("system/*.rs"));
		caller("auditor-user-scope", Caller.builder().clientId("audit").auditor(true).scopes("user/AuditEvent.rs"));
		caller("custodian", Caller.builder().clientId("hospital-ehr").custodian(true).scopes("system/*.cruds"));
		caller("custodian-user-scopes", Caller.builder().clientId("hospital-ehr").custodian(true).scopes("user/*.rs"));
		caller("unidentified", Caller.builder().clientId("some-app").scopes("user/*.rs"));

		Patient patientA = new Patient();
		patientA.setId("A");
		resource(patientA, PATIENT_A);
		resource(prescription("a1", PATIENT_A, PRESCRIBER), PATIENT_A);
		resource(prescription("a2", PATIENT_A, OTHER_PRESCRIBER), PATIENT_A);
		resource(prescription("b1", PATIENT_B, PRESCRIBER), PATIENT_B);
		MedicationDispense dispense = new MedicationDispense();
		dispense.setId("a1");
		dispense.setSubject(new Reference(PATIENT_A));
		dispense.addAuthorizingPrescription(new Reference("MedicationRequest/a1"));
		resource(dispense, PATIENT_A);
		Observation observation = new Observation();
		observation.setId("a1");
		observation.setSubject(new Reference(PATIENT_A));
		resource(observation, PATIENT_A);
		AuditEvent aboutA = new AuditEvent();
		aboutA.setId("a1");
		aboutA.addEntity().setWhat(new Reference(PATIENT_A));
		resource(aboutA, PATIENT_A);
		AuditEvent aboutNobody = new AuditEvent();
		aboutNobody.setId("system1");
		resource(aboutNobody, null);
		Organization organization = new Organization();
		organization.setId("pharm1");
		resource(organization, null);
		Medication medication = new Medication();
		medication.setId("m1");
		resource(medication, null);
		Practitioner practitioner = new Practitioner();
		practitioner.setId("doc1");
		resource(practitioner, null);

		consentOfA(consent("pharm1-meds", PATIENT_A).grant(permit().actor(PHARMACY_1)
				.types("MedicationRequest", "MedicationDispense", "Patient").during(MONTH_AGO, IN_A_MONTH)));
		consentOfA(consent("pharm3-one-prescription", PATIENT_A).grant(permit().actor(PHARMACY_3)
				.data(ConsentDataMeaning.INSTANCE, "MedicationRequest/a1")));
		consentOfA(consent("pharm1-expired", PATIENT_A).grant(permit().actor(PHARMACY_1)
				.types("MedicationRequest").during(MONTH_AGO, NOW.minus(Duration.ofDays(1)))));
		consentOfA(consent("pharm1-not-yet", PATIENT_A).grant(permit().actor(PHARMACY_1)
				.types("MedicationRequest").during(NOW.plus(Duration.ofDays(1)), IN_A_MONTH)));
		for (ConsentState status : List.of(ConsentState.INACTIVE, ConsentState.REJECTED, ConsentState.DRAFT,
				ConsentState.PROPOSED, ConsentState.ENTEREDINERROR)) {
			consentOfA(consent("pharm1-" + status.toCode(), PATIENT_A).status(status)
					.grant(permit().actor(PHARMACY_1).types("MedicationRequest")));
		}
		consentOfA(consent("pharm1-all-but-observations", PATIENT_A).grant(permit().actor(PHARMACY_1)
				.except(deny().types("Observation"))));
		consentOfA(consent("pharm1-deny-prescriptions", PATIENT_A).grant(deny().actor(PHARMACY_1)
				.types("MedicationRequest")));
		consentOfA(consent("pharm1-treatment-only", PATIENT_A).grant(permit().actor(PHARMACY_1)
				.types("MedicationRequest").purpose("TREAT")));
		consentOfA(consent("pharm1-research-only", PATIENT_A).grant(permit().actor(PHARMACY_1)
				.types("MedicationRequest").purpose("HRESCH")));
		consentOfA(consent("pharm2-request", PATIENT_A).status(ConsentState.PROPOSED)
				.grant(permit().actor(PHARMACY_2).types("MedicationRequest")));
		consentOfA(consent("pharm2-approved", PATIENT_A)
				.grant(permit().actor(PHARMACY_2).types("MedicationRequest")));
		consentOfA(consent("pharm2-refused", PATIENT_A).status(ConsentState.REJECTED)
				.grant(permit().actor(PHARMACY_2).types("MedicationRequest")));
		consentOfA(consent("deny-emergency-doctor", PATIENT_A).grant(deny().actor(EMERGENCY_DOCTOR)));
		consentOfA(consent("deny-prescriber", PATIENT_A).grant(deny().actor(PRESCRIBER)));
		consentOfA(consent("deny-everyone", PATIENT_A).grant(deny()));
		Consent ofB = consent("b-pharm1-meds", PATIENT_B).grant(permit().actor(PHARMACY_1).types("MedicationRequest"));
		CONSENTS.put("b-pharm1-meds", ofB);
		resource(ofB, PATIENT_B);
		Consent orphan = consent("orphan", null).grant(permit().actor(PHARMACY_1));
		CONSENTS.put("orphan", orphan);
		resource(orphan, null);
	}

	private ConsentWorld() {}

	/** The Consents a cell of the table names, {@code +}-separated; {@code -} for none. */
	static List<Consent> consents(String keys) {
		List<Consent> found = new ArrayList<>();
		if (keys == null || keys.equals("-")) {
			return found;
		}
		for (String key : keys.split("\\+")) {
			Consent consent = CONSENTS.get(key.trim());
			if (consent == null) {
				throw new IllegalArgumentException("no consent named " + key);
			}
			found.add(consent);
		}
		return found;
	}

	static Caller caller(String key) {
		Caller caller = CALLERS.get(key);
		if (caller == null) {
			throw new IllegalArgumentException("no caller named " + key);
		}
		return caller;
	}

	static Resource resource(String key) {
		Resource resource = RESOURCES.get(key);
		if (resource == null) {
			throw new IllegalArgumentException("no resource named " + key);
		}
		return resource;
	}

	static ResourceRef compartmentOf(String resourceKey) {
		String patient = COMPARTMENT.get(resourceKey);
		return patient == null ? null : ResourceRef.parse(patient).orElseThrow();
	}

	private static void caller(String key, Caller.Builder builder) {
		CALLERS.put(key, builder.build());
	}

	private static void resource(Resource resource, String patient) {
		String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		RESOURCES.put(key, resource);
		COMPARTMENT.put(key, patient);
	}

	private static void consentOfA(Consent consent) {
		CONSENTS.put(consent.getIdElement().getIdPart(), consent);
		resource(consent, PATIENT_A);
	}

	private static MedicationRequest prescription(String id, String patient, String requester) {
		MedicationRequest prescription = new MedicationRequest();
		prescription.setId(id);
		prescription.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		prescription.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		prescription.setSubject(new Reference(patient));
		prescription.setRequester(new Reference(requester));
		prescription.setMedication(new Reference("Medication/m1"));
		return prescription;
	}
}
