package io.fhirnotary.server.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp.Response;
import io.fhirnotary.server.support.SpecExamples;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prescriptions, dispenses and consents are validated before storage (protected mode): valid
 * spec examples pass (several published examples write non-UCUM units such as "ea" or "drop" under
 * the UCUM system and are rightly refused, see specExampleWhoseDoseUnitIsNotUcumIsRejected); each invalid variant fails for one reason with 422, an OperationOutcome
 * issue located by FHIRPath, and nothing stored.
 */
class ValidationOnWriteIntegrationTests extends PostgresIntegrationTest {

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	private static final String UCUM = "http://unitsofmeasure.org";

	private final SpecExamples examples = new SpecExamples(fhirContext());
	private String patientId;
	private String prescriberId;

	@BeforeEach
	void storeAPatientAndAPrescriber() {
		patientId = client.create().resource(new Patient()).execute().getId().toUnqualifiedVersionless().getValue();
		prescriberId = client.create().resource(new Practitioner()).execute().getId().toUnqualifiedVersionless().getValue();
	}

	@Test
	void specExamplePrescriptionsDispensesAndConsentsAreAccepted() {
		for (String[] example : List.of(
				new String[] {"MedicationRequest", "medrx0308"},
				new String[] {"MedicationRequest", "medrx0311"},
				new String[] {"MedicationRequest", "medrx0320"},
				new String[] {"MedicationDispense", "meddisp0316"},
				new String[] {"Consent", "consent-example-notThem"},
				new String[] {"Consent", "consent-example-Out"})) {
			Bundle response = client.transaction().withBundle(examples.withReferences(example[0], example[1])).execute();
			assertThat(response.getEntry()).as(example[1])
					.allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("20"));
		}
	}

	@Test
	void specExampleWhoseDoseUnitIsNotUcumIsRejected() {
		// medrx0304 gives its dose as {"system": "http://unitsofmeasure.org", "code": "drop"}; UCUM's
		// unit is [drp]. medrx0312 replaces it, so its reference closure carries the same error.
		Bundle transaction = examples.withReferences("MedicationRequest", "medrx0312");
		StoredCounts before = storedCounts();

		Response response = http.send("POST", "", "application/fhir+json",
				fhirContext().newJsonParser().encodeResourceToString(transaction));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.body()).contains("drop").contains("MedicationRequest.dosageInstruction[0].doseAndRate[0].dose");
		assertThat(storedCounts()).isEqualTo(before);
	}

	@Test
	void aValidPrescriptionBuiltHereIsAccepted() {
		assertThat(client.create().resource(validPrescription()).execute().getCreated()).isTrue();
	}

	@Test
	void prescriptionWithoutStatusIsRejected() {
		assertRejected(validPrescription(), mr -> mr.setStatus(null), "MedicationRequest");
	}

	@Test
	void prescriptionWithAnUnknownMedicationCodeIsRejected() {
		assertRejected(validPrescription(),
				mr -> mr.getMedicationCodeableConcept().getCodingFirstRep().setCode("999999999"),
				"MedicationRequest.medication.ofType(CodeableConcept).coding[0]");
	}

	@Test
	void prescriptionForAPatientThatDoesNotExistIsRejectedWith422() {
		assertRejected(validPrescription(), mr -> mr.setSubject(new Reference("Patient/" + UUID.randomUUID())),
				"MedicationRequest.subject");
	}

	@Test
	void prescriptionWithANonUcumDoseUnitIsRejected() {
		assertRejected(validPrescription(),
				mr -> mr.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().setCode("mgg"),
				"MedicationRequest.dosageInstruction[0].doseAndRate[0].dose");
	}

	@Test
	void scheduleTwoPrescriptionWithRefillsIsRejectedWithAClearMessage() {
		MedicationRequest oxycodone = validPrescription();
		oxycodone.getMedicationCodeableConcept().getCodingFirstRep().setCode("1049623")
				.setDisplay("Oxycodone Hydrochloride 5mg oral tablet (Roxicodone)");
		assertThat(client.create().resource(oxycodone.copy()).execute().getCreated()).isTrue();

		OperationOutcome outcome = assertRejected(oxycodone,
				mr -> mr.getDispenseRequest().setNumberOfRepeatsAllowedElement(new UnsignedIntType(2)),
				"MedicationRequest.dispenseRequest.numberOfRepeatsAllowed");
		assertThat(outcome.getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics()).containsIgnoringCase("schedule II"));
	}

	@Test
	void everyProblemOfAPrescriptionIsListedAtOnce() {
		OperationOutcome outcome = assertRejected(validPrescription(), mr -> {
			mr.setStatus(null);
			mr.getMedicationCodeableConcept().getCodingFirstRep().setCode("999999999");
			mr.setSubject(new Reference("Patient/" + UUID.randomUUID()));
		}, "MedicationRequest.subject");
		assertThat(outcome.getIssue().stream().filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR))
				.hasSizeGreaterThanOrEqualTo(3);
	}

	@Test
	void consentWhosePeriodEndsBeforeItStartsIsRejected() {
		assertRejected(validConsent(), c -> c.getProvision().setPeriod(new Period()
						.setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-12-01"))
						.setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2026-01-01"))),
				"Consent.provision.period");
	}

	@Test
	void consentNamingAnActorThatDoesNotExistIsRejected() {
		assertRejected(validConsent(),
				c -> c.getProvision().getActorFirstRep().setReference(new Reference("Organization/" + UUID.randomUUID())),
				"Consent.provision.actor.reference");
	}

	@Test
	void consentWithoutScopeIsRejected() {
		assertRejected(validConsent(), c -> c.setScope(null), "Consent");
	}

	@Test
	void dispenseWithoutStatusIsRejected() {
		MedicationDispense dispense = new MedicationDispense();
		dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
		dispense.getMedicationCodeableConcept().addCoding().setSystem(RXNORM).setCode("314076");
		dispense.setSubject(new Reference(patientId));
		assertThat(client.create().resource(dispense.copy()).execute().getCreated()).isTrue();

		assertRejected(dispense, d -> d.setStatus(null), "MedicationDispense");
	}

	@Test
	void dispenseWithAStatusCodeFhirDoesNotKnowIsRefusedByTheParser() {
		String json = "{\"resourceType\":\"MedicationDispense\",\"status\":\"handed-over\","
				+ "\"medicationCodeableConcept\":{\"text\":\"x\"}}";
		StoredCounts before = storedCounts();

		Response response = http.send("POST", "MedicationDispense", "application/fhir+json", json);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("OperationOutcome").contains("handed-over");
		assertThat(storedCounts()).isEqualTo(before);
	}

	@Test
	void anInvalidPrescriptionInsideATransactionStoresNothingAtAll() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		String patientUrn = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry().setFullUrl(patientUrn).setResource(patient).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		MedicationRequest invalid = validPrescription();
		invalid.setSubject(new Reference(patientUrn));
		invalid.getMedicationCodeableConcept().getCodingFirstRep().setCode("999999999");
		transaction.addEntry().setResource(invalid).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationRequest");
		StoredCounts before = storedCounts();

		Response response = http.send("POST", "", "application/fhir+json",
				fhirContext().newJsonParser().encodeResourceToString(transaction));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.body()).contains("OperationOutcome").contains("999999999");
		assertThat(storedCounts()).isEqualTo(before);
	}

	private <T extends Resource> OperationOutcome assertRejected(T valid, Consumer<T> breakIt, String expectedLocation) {
		@SuppressWarnings("unchecked")
		T invalid = (T) valid.copy();
		breakIt.accept(invalid);
		StoredCounts before = storedCounts();

		UnprocessableEntityException rejected = null;
		try {
			client.create().resource(invalid).execute();
		} catch (UnprocessableEntityException e) {
			rejected = e;
		}

		assertThat(rejected).as("422 expected").isNotNull();
		OperationOutcome outcome = (OperationOutcome) rejected.getOperationOutcome();
		assertThat(outcome.getIssue())
				.anySatisfy(issue -> {
					assertThat(issue.getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
					assertThat(issue.getExpression()).anySatisfy(e -> assertThat(e.getValue()).startsWith(expectedLocation));
				});
		assertThat(storedCounts()).isEqualTo(before);
		return outcome;
	}

	private MedicationRequest validPrescription() {
		MedicationRequest prescription = new MedicationRequest()
				.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
				.setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
				.setSubject(new Reference(patientId))
				.setRequester(new Reference(prescriberId));
		prescription.getMedicationCodeableConcept().addCoding()
				.setSystem(RXNORM).setCode("314076").setDisplay("lisinopril 10 MG Oral Tablet");
		prescription.addDosageInstruction().setText("one tablet daily").addDoseAndRate()
				.setDose(new Quantity().setValue(1).setUnit("mg").setSystem(UCUM).setCode("mg"));
		return prescription;
	}

	private Consent validConsent() {
		Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(new Reference(patientId));
		consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
		consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
		consent.getPolicyRule().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("OPTIN");
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT)
				.addActor().setReference(new Reference(prescriberId)).getRole().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("IRCP");
		return consent;
	}
}
