package io.fhirnotary.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.SpecExamples;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Every FHIR interaction the server offers, through a real FHIR client, on PostgreSQL. */
class FhirInteractionsIntegrationTests extends PostgresIntegrationTest {

	private final SpecExamples examples = new SpecExamples(fhirContext());

	@Test
	void capabilityStatementOffersEveryR4ResourceTypeAndTheFirstClassOnesFully() {
		CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(capabilities.getFhirVersion()).isEqualTo(Enumerations.FHIRVersion._4_0_1);
		CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
		Set<String> types = rest.getResource().stream()
				.map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
				.collect(Collectors.toSet());
		assertThat(types).hasSizeGreaterThanOrEqualTo(140)
				.contains("MedicationRequest", "Consent", "Patient", "Practitioner", "PractitionerRole", "Organization",
						"Medication", "MedicationDispense", "AuditEvent", "Provenance");
		Set<String> medicationRequestInteractions = rest.getResource().stream()
				.filter(r -> r.getType().equals("MedicationRequest"))
				.flatMap(r -> r.getInteraction().stream())
				.map(i -> i.getCode().toCode())
				.collect(Collectors.toSet());
		assertThat(medicationRequestInteractions)
				.contains("read", "vread", "update", "delete", "history-instance", "history-type", "create", "search-type");
		assertThat(rest.getInteraction().stream().map(i -> i.getCode().toCode()))
				.contains("transaction", "batch", "history-system");
	}

	@Test
	void specPatientGoesThroughCreateReadUpdateVreadAndDelete() {
		Patient patient = examples.example(Patient.class, "example");
		patient.setId((String) null);
		patient.setManagingOrganization(null);

		MethodOutcome created = client.create().resource(patient).execute();
		assertThat(created.getCreated()).isTrue();
		IdType id = (IdType) created.getId();
		assertThat(id.getVersionIdPart()).isEqualTo("1");

		Patient read = client.read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Chalmers");
		assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("12345");

		read.getNameFirstRep().setFamily("Chalmers-Updated");
		MethodOutcome updated = client.update().resource(read).execute();
		assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

		Patient firstVersion = client.read().resource(Patient.class).withId(id.withVersion("1")).execute();
		assertThat(firstVersion.getNameFirstRep().getFamily()).isEqualTo("Chalmers");
		Patient current = client.read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
		assertThat(current.getNameFirstRep().getFamily()).isEqualTo("Chalmers-Updated");

		client.delete().resourceById(id.toUnqualifiedVersionless()).execute();
		assertThatThrownBy(() -> client.read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute())
				.isInstanceOf(ResourceGoneException.class);
		Bundle history = client.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(3);
	}

	@Test
	void specMedicationIsStoredAndReadBackWithItsContainedOrganization() {
		Medication medication = examples.example(Medication.class, "med0301");
		medication.setId((String) null);

		IdType id = (IdType) client.create().resource(medication).execute().getId();
		Medication read = client.read().resource(Medication.class).withId(id.toUnqualifiedVersionless()).execute();

		assertThat(read.getCode().getCodingFirstRep().getCode())
				.isEqualTo(medication.getCode().getCodingFirstRep().getCode());
		assertThat(read.getContained()).hasSize(1);
		assertThat(read.getManufacturer().getReference()).startsWith("#");
	}

	@Test
	void specPrescriptionWithItsReferencesIsStoredByTransactionAndFoundWithIncludes() {
		Bundle response = client.transaction().withBundle(examples.withReferences("MedicationRequest", "medrx0311")).execute();
		assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).matches("20[01].*"));

		MedicationRequest prescription =
				client.read().resource(MedicationRequest.class).withId("medrx0311").execute();
		assertThat(prescription.getSubject().getReference()).isEqualTo("Patient/pat1");
		assertThat(prescription.getDosageInstructionFirstRep().getText()).isNotBlank();

		Bundle withPatient = client.search().forResource(MedicationRequest.class)
				.where(MedicationRequest.PATIENT.hasId("pat1"))
				.and(MedicationRequest.RES_ID.exactly().code("medrx0311"))
				.include(MedicationRequest.INCLUDE_PATIENT)
				.returnBundle(Bundle.class).execute();
		assertThat(idsOf(withPatient)).contains("MedicationRequest/medrx0311", "Patient/pat1");

		Bundle withPrescriptions = client.search().forResource(Patient.class)
				.where(Patient.RES_ID.exactly().code("pat1"))
				.revInclude(MedicationRequest.INCLUDE_PATIENT)
				.returnBundle(Bundle.class).execute();
		assertThat(idsOf(withPrescriptions)).contains("Patient/pat1", "MedicationRequest/medrx0311");
	}

	@Test
	void specConsentIsStoredAndSearchableByPatient() {
		client.transaction().withBundle(examples.withReferences("Consent", "consent-example-basic")).execute();

		Bundle found = client.search().forResource(Consent.class)
				.where(Consent.PATIENT.hasId("f001"))
				.returnBundle(Bundle.class).execute();
		assertThat(idsOf(found)).contains("Consent/consent-example-basic");
		Consent consent = (Consent) found.getEntry().stream()
				.filter(e -> e.getResource().getIdElement().getIdPart().equals("consent-example-basic"))
				.findFirst().orElseThrow().getResource();
		assertThat(consent.getScope().getCodingFirstRep().getCode()).isEqualTo("patient-privacy");
		assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
	}

	@Test
	void conditionalCreateReturnsTheExistingResourceInsteadOfADuplicate() {
		String mrn = UUID.randomUUID().toString();
		Patient patient = new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier()
				.setSystem("urn:fhir-notary:test:mrn").setValue(mrn));

		MethodOutcome first = client.create().resource(patient)
				.conditionalByUrl("Patient?identifier=urn:fhir-notary:test:mrn|" + mrn).execute();
		StoredCounts afterFirst = storedCounts();
		MethodOutcome second = client.create().resource(patient)
				.conditionalByUrl("Patient?identifier=urn:fhir-notary:test:mrn|" + mrn).execute();

		assertThat(first.getCreated()).isTrue();
		assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
		assertThat(second.getId().toUnqualifiedVersionless()).isEqualTo(first.getId().toUnqualifiedVersionless());
		assertThat(storedCounts()).isEqualTo(afterFirst);
	}

	@Test
	void conditionalUpdateCreatesWhenNothingMatchesAndUpdatesWhenOneDoes() {
		String mrn = UUID.randomUUID().toString();
		String match = "Patient?identifier=urn:fhir-notary:test:mrn|" + mrn;
		Patient patient = new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier()
				.setSystem("urn:fhir-notary:test:mrn").setValue(mrn));
		patient.addName().setFamily("Before");

		MethodOutcome created = client.update().resource(patient).conditionalByUrl(match).execute();
		patient.getNameFirstRep().setFamily("After");
		MethodOutcome updated = client.update().resource(patient).conditionalByUrl(match).execute();

		assertThat(created.getCreated()).isTrue();
		assertThat(updated.getId().getIdPart()).isEqualTo(created.getId().getIdPart());
		assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
		Patient read = client.read().resource(Patient.class).withId(created.getId().getIdPart()).execute();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo("After");
	}

	@Test
	void historyIsAvailableForInstanceTypeAndSystem() {
		Date before = new Date(System.currentTimeMillis() - 1000);
		Medication medication = new Medication();
		medication.getCode().setText("history test " + UUID.randomUUID());
		IdType id = (IdType) client.create().resource(medication).execute().getId().toUnqualifiedVersionless();
		medication.setId(id);
		medication.getCode().setText(medication.getCode().getText() + " v2");
		client.update().resource(medication).execute();

		Bundle instance = client.history().onInstance(id).returnBundle(Bundle.class).execute();
		assertThat(instance.getEntry()).hasSize(2);
		assertThat(instance.getType()).isEqualTo(Bundle.BundleType.HISTORY);

		Bundle type = client.history().onType(Medication.class).returnBundle(Bundle.class).since(before).count(200).execute();
		assertThat(versionsOf(type, id)).containsExactlyInAnyOrder("1", "2");

		Bundle system = client.history().onServer().returnBundle(Bundle.class).since(before).count(200).execute();
		assertThat(versionsOf(system, id)).containsExactlyInAnyOrder("1", "2");
	}

	@Test
	void searchResultsArePagedAndEveryPageIsReachableThroughNextLinks() {
		String system = "urn:fhir-notary:test:paging:" + UUID.randomUUID();
		Set<String> createdIds = new HashSet<>();
		for (int i = 0; i < 7; i++) {
			Medication medication = new Medication();
			medication.getCode().addCoding().setSystem(system).setCode("code-" + i);
			createdIds.add(client.create().resource(medication).execute().getId().toUnqualifiedVersionless().getValue());
		}

		Bundle page = client.search().forResource(Medication.class)
				.where(Medication.CODE.hasSystemWithAnyCode(system))
				.count(3).returnBundle(Bundle.class).execute();
		List<Integer> pageSizes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		while (true) {
			pageSizes.add(page.getEntry().size());
			page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().toUnqualifiedVersionless().getValue()));
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				break;
			}
			page = client.loadPage().next(page).execute();
		}

		assertThat(pageSizes).containsExactly(3, 3, 1);
		assertThat(seen).isEqualTo(createdIds);
	}

	@Test
	void transactionResolvesTemporaryIdsBetweenItsEntries() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addName().setFamily("Transactional");
		String patientUrn = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry().setFullUrl(patientUrn).setResource(patient)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		MedicationRequest prescription = new MedicationRequest()
				.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
				.setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
				.setSubject(new Reference(patientUrn));
		prescription.getMedicationCodeableConcept().addCoding()
				.setSystem("http://www.nlm.nih.gov/research/umls/rxnorm").setCode("314076");
		transaction.addEntry().setResource(prescription).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationRequest");

		Bundle response = client.transaction().withBundle(transaction).execute();

		assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
		String patientLocation = new IdType(response.getEntry().get(0).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
		String prescriptionLocation = response.getEntry().get(1).getResponse().getLocation();
		MedicationRequest stored = client.read().resource(MedicationRequest.class)
				.withId(new IdType(prescriptionLocation).toUnqualifiedVersionless()).execute();
		assertThat(stored.getSubject().getReference()).isEqualTo(patientLocation);
	}

	@Test
	void batchProcessesEntriesIndependently() {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		Medication good = new Medication();
		good.getCode().setText("batch good " + UUID.randomUUID());
		batch.addEntry().setResource(good).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Medication");
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Medication/does-not-exist-" + UUID.randomUUID());

		Bundle response = client.transaction().withBundle(batch).execute();

		assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
		assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("404");
		IdType created = new IdType(response.getEntry().get(0).getResponse().getLocation());
		assertThat(client.read().resource(Medication.class).withId(created.toUnqualifiedVersionless()).execute()
				.getCode().getText()).isEqualTo(good.getCode().getText());
	}

	private static List<String> idsOf(Bundle bundle) {
		return bundle.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.map(IBaseResource::getIdElement)
				.map(id -> id.toUnqualifiedVersionless().getValue())
				.toList();
	}

	private static List<String> versionsOf(Bundle history, IdType id) {
		return history.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(r -> r.getIdElement().toUnqualifiedVersionless().getValue().equals(id.getValue()))
				.map(r -> r.getIdElement().getVersionIdPart())
				.toList();
	}
}
