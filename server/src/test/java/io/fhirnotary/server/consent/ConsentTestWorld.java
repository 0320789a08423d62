package io.fhirnotary.server.consent;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The data of the HTTP matrix in {@code docs/CONSENT.md} §8, stored through the API by the
 * custodian under ids unique to one test class (the database is shared by all test classes):
 *
 * <ul>
 *   <li>patient A: prescriptions {@code a1} (by {@code doc1}) and {@code a2} (by {@code doc2}), a
 *       dispense {@code d1} of {@code a1} by pharmacy 1, an Observation {@code o1} (performed by
 *       {@code docObs}, based on {@code a1}), an AuditEvent {@code ae1} about A (also naming
 *       {@code b1}), and Consents:
 *       {@code c1} pharmacy 1 (prescriptions, dispenses, Patient), {@code c3} pharmacy 3 (only
 *       {@code a1}), {@code c4} pharmacy 4 (expired), {@code c5} pharmacy 5 (prescriptions,
 *       dispenses, Patient; revoked by the paging test), {@code c6} pharmacy 6 (everything, nested
 *       deny Observation), {@code c7} pharmacy 7's access request (proposed), {@code c8}
 *       pharmacy 8 (only the dispense {@code d1});</li>
 *   <li>patient B: prescription {@code b1} by {@code doc1}.</li>
 * </ul>
 * Resources are named by short keys ({@code "a1"}, {@code "A"}); {@link #ref(String)} gives the
 * stored {@code Type/id}.
 */
final class ConsentTestWorld {

	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	static final String UCUM = "http://unitsofmeasure.org";
	static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";

	/** Every resource of patient A's compartment, by key. */
	static final List<String> A_COMPARTMENT =
			List.of("A", "a1", "a2", "d1", "o1", "ae1", "c1", "c3", "c4", "c5", "c6", "c7", "c8");

	final String prefix = "cw" + UUID.randomUUID().toString().substring(0, 8);
	private final Map<String, String> refs = new LinkedHashMap<>();

	String ref(String key) {
		String ref = refs.get(key);
		if (ref == null) {
			throw new IllegalArgumentException("no resource " + key);
		}
		return ref;
	}

	String id(String key) {
		return ref(key).substring(ref(key).indexOf('/') + 1);
	}

	String type(String key) {
		return ref(key).substring(0, ref(key).indexOf('/'));
	}

	Set<String> keys() {
		return refs.keySet();
	}

	/** The key of a stored {@code Type/id}, or null when it is not part of this world. */
	String keyOf(String typeAndId) {
		for (Map.Entry<String, String> entry : refs.entrySet()) {
			if (entry.getValue().equals(typeAndId)) {
				return entry.getKey();
			}
		}
		return null;
	}

	ConsentTestWorld store(IGenericClient custodian) {
		for (int n = 1; n <= 8; n++) {
			put(custodian, "pharm" + n, new Organization().setName("Pharmacy " + n));
		}
		for (String doctor : List.of("doc1", "doc2", "doc3", "docObs")) {
			put(custodian, doctor, new Practitioner().addName(new HumanName().setFamily("Doctor " + doctor)));
		}
		put(custodian, "A", new Patient().addName(new HumanName().setFamily("Patient A")));
		put(custodian, "B", new Patient().addName(new HumanName().setFamily("Patient B")));
		put(custodian, "a1", prescription("A", "doc1"));
		put(custodian, "a2", prescription("A", "doc2"));
		put(custodian, "b1", prescription("B", "doc1"));
		put(custodian, "d1", dispense("A", "a1", "pharm1"));
		put(custodian, "o1", observation());
		put(custodian, "ae1", auditEvent());
		put(custodian, "c1", consent(Consent.ConsentState.ACTIVE, "pharm1", "MedicationRequest", "MedicationDispense", "Patient"));
		Consent onlyA1 = consent(Consent.ConsentState.ACTIVE, "pharm3");
		onlyA1.getProvision().addData()
				.setMeaning(Consent.ConsentDataMeaning.INSTANCE)
				.setReference(new Reference(ref("a1")));
		put(custodian, "c3", onlyA1);
		Consent expired = consent(Consent.ConsentState.ACTIVE, "pharm4", "MedicationRequest", "MedicationDispense", "Patient");
		expired.getProvision().setPeriod(new Period()
				.setStartElement(new DateTimeType("2019-01-01"))
				.setEndElement(new DateTimeType("2020-01-01")));
		put(custodian, "c4", expired);
		put(custodian, "c5", consent(Consent.ConsentState.ACTIVE, "pharm5", "MedicationRequest", "MedicationDispense", "Patient"));
		Consent exceptObservations = consent(Consent.ConsentState.ACTIVE, "pharm6");
		exceptObservations.getProvision().addProvision()
				.setType(Consent.ConsentProvisionType.DENY)
				.addClass_(new Coding(RESOURCE_TYPES, "Observation", null));
		put(custodian, "c6", exceptObservations);
		put(custodian, "c7", consent(Consent.ConsentState.PROPOSED, "pharm7", "MedicationRequest"));
		Consent onlyD1 = consent(Consent.ConsentState.ACTIVE, "pharm8");
		onlyD1.getProvision().addData()
				.setMeaning(Consent.ConsentDataMeaning.INSTANCE)
				.setReference(new Reference(ref("d1")));
		put(custodian, "c8", onlyD1);
		return this;
	}

	MedicationRequest prescription(String patientKey, String requesterKey) {
		MedicationRequest prescription = new MedicationRequest()
				.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
				.setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
				.setSubject(new Reference(ref(patientKey)))
				.setRequester(new Reference(ref(requesterKey)));
		prescription.getMedicationCodeableConcept().addCoding()
				.setSystem(RXNORM).setCode("314076").setDisplay("lisinopril 10 MG Oral Tablet");
		prescription.addDosageInstruction().setText("one tablet daily").addDoseAndRate()
				.setDose(new Quantity().setValue(1).setUnit("mg").setSystem(UCUM).setCode("mg"));
		return prescription;
	}

	MedicationDispense dispense(String patientKey, String prescriptionKey, String pharmacyKey) {
		MedicationDispense dispense = new MedicationDispense()
				.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED)
				.setSubject(new Reference(ref(patientKey)));
		dispense.getMedicationCodeableConcept().addCoding()
				.setSystem(RXNORM).setCode("314076").setDisplay("lisinopril 10 MG Oral Tablet");
		dispense.addAuthorizingPrescription(new Reference(ref(prescriptionKey)));
		dispense.addPerformer().setActor(new Reference(ref(pharmacyKey)));
		return dispense;
	}

	private Observation observation() {
		Observation observation = new Observation()
				.setStatus(Observation.ObservationStatus.FINAL)
				.setSubject(new Reference(ref("A")));
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		observation.addPerformer(new Reference(ref("docObs")));
		observation.addBasedOn(new Reference(ref("a1")));
		return observation;
	}

	private AuditEvent auditEvent() {
		AuditEvent event = new AuditEvent().setRecordedElement(new InstantType("2025-01-01T10:00:00Z"));
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
		event.addAgent().setRequestor(true).setWho(new Reference(ref("doc1")));
		event.getSource().setObserver(new Reference(ref("pharm1")));
		event.addEntity().setWhat(new Reference(ref("A")));
		// B's prescription, named by an event about A: $everything of A must not carry it to
		// callers who may not see the event
		event.addEntity().setWhat(new Reference(ref("b1")));
		return event;
	}

	/** An A Consent permitting {@code actorKey}, limited to resource types when given. */
	Consent consent(Consent.ConsentState status, String actorKey, String... resourceTypes) {
		Consent consent = new Consent().setStatus(status).setPatient(new Reference(ref("A")));
		consent.getScope().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
		consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
		consent.getPolicyRule().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("OPTIN");
		Consent.ProvisionComponent provision = consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		provision.addActor().setReference(new Reference(ref(actorKey))).getRole().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("IRCP");
		for (String type : resourceTypes) {
			provision.addClass_(new Coding(RESOURCE_TYPES, type, null));
		}
		return consent;
	}

	private void put(IGenericClient custodian, String key, Resource resource) {
		String id = prefix + "-" + key.toLowerCase();
		resource.setId(resource.fhirType() + "/" + id);
		refs.put(key, resource.fhirType() + "/" + id);
		custodian.update().resource(resource).execute();
	}

	/** Registers a resource a test created itself, so expectations can name it. */
	void remember(String key, String typeAndId) {
		refs.put(key, typeAndId);
	}
}
