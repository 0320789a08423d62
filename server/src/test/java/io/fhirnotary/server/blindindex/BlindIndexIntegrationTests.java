package io.fhirnotary.server.blindindex;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blind indexes over HTTP on PostgreSQL: the searches a pharmacy and an EHR make still find exactly
 * the resources plain HAPI would find, while HAPI's index, search and match-URL tables hold only
 * MACs, and searches a blind index cannot answer get 400 with an OperationOutcome.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class BlindIndexIntegrationTests extends PostgresIntegrationTest {

	private static final String SSN = "http://hl7.org/fhir/sid/us-ssn";
	private static final String MRN = "urn:fhir-notary:test:mrn";
	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	private static final String NPI = "http://hl7.org/fhir/sid/us-npi";

	/** Unique per test, so the clear values can be looked for in the tables. */
	private String ssn;
	private String mrn;
	private String family;
	private String given;
	private String phone;
	private String email;
	private String city;
	private String npi;
	private String patientId;
	private String otherPatientId;
	private String prescriptionId;
	private String birthDate;

	@BeforeEach
	void storeAPatientWithAPrescription() {
		String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		ssn = "999-" + unique.substring(0, 6);
		mrn = "mrn-" + unique;
		family = "Blindfam" + unique;
		given = "Zoë" + unique;
		phone = "555-" + (100 + Math.abs(unique.hashCode() % 900)) + "-" + unique.substring(0, 4).replaceAll("[^0-9]", "7");
		email = "Person." + unique + "@Example.org";
		city = "Blindcity" + unique;
		npi = "99" + Math.abs(unique.hashCode());
		birthDate = "19" + (10 + Math.abs(unique.hashCode() % 89)) + "-04-02";

		Patient patient = new Patient();
		patient.addIdentifier().setSystem(SSN).setValue(ssn);
		patient.addIdentifier().setSystem(MRN).setValue(mrn);
		patient.addIdentifier().setValue("local-" + mrn);
		patient.addName().setFamily(family).addGiven(given);
		patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
		patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
		patient.addAddress().addLine("12 Secret Lane " + unique).setCity(city).setPostalCode("0" + unique.substring(0, 4));
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
		patientId = client.create().resource(patient).execute().getId().getIdPart();

		Patient other = new Patient();
		other.addIdentifier().setSystem(SSN).setValue(ssn + "0");
		other.addName().setFamily(family + "x");
		otherPatientId = client.create().resource(other).execute().getId().getIdPart();

		Practitioner prescriber = new Practitioner();
		prescriber.addIdentifier().setSystem(NPI).setValue(npi);
		String prescriberId = client.create().resource(prescriber).execute().getId().getIdPart();

		MedicationRequest prescription = new MedicationRequest();
		prescription.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		prescription.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		prescription.getMedicationCodeableConcept().addCoding().setSystem(RXNORM).setCode("197361")
				.setDisplay("amlodipine 5 MG Oral Tablet");
		prescription.setSubject(new Reference("Patient/" + patientId));
		prescription.setRequester(new Reference("Practitioner/" + prescriberId));
		prescription.setAuthoredOnElement(new DateTimeType("2024-03-05"));
		prescription.addDosageInstruction().setText("Take one tablet daily " + unique);
		prescriptionId = client.create().resource(prescription).execute().getId().getIdPart();
	}

	@Test
	void identifierSearchesFindExactlyThePatientWithSystemAndValueValueOnlyAndSystemOnly() {
		assertThat(ids("Patient?identifier=" + enc(SSN + "|" + ssn))).containsExactly(patientId);
		assertThat(ids("Patient?identifier=" + enc("|" + ssn))).as("|value means: no system, as in plain HAPI").isEmpty();
		assertThat(ids("Patient?identifier=" + enc("|local-" + mrn))).containsExactly(patientId);
		assertThat(ids("Patient?identifier=" + enc(ssn))).containsExactly(patientId);
		assertThat(ids("Patient?identifier=" + enc(MRN + "|" + mrn))).containsExactly(patientId);
		assertThat(ids("Patient?identifier=" + enc(SSN + "|" + mrn))).isEmpty();
		assertThat(ids("Patient?identifier=" + enc(SSN + "|") + "&_count=200&_id=" + patientId + "," + otherPatientId))
				.containsExactlyInAnyOrder(patientId, otherPatientId);
		assertThat(ids("Patient?identifier=" + enc(SSN + "|" + ssn + "," + SSN + "|" + ssn + "0")))
				.containsExactlyInAnyOrder(patientId, otherPatientId);
	}

	@Test
	void namesTelecomAndBirthDateAreExactMatchesIgnoringCaseAccentsAndPunctuation() {
		assertThat(ids("Patient?family=" + enc(family))).containsExactly(patientId);
		assertThat(ids("Patient?name=" + enc(family.toUpperCase()))).containsExactly(patientId);
		assertThat(ids("Patient?given=" + enc(given.replace("ë", "e")))).containsExactly(patientId);
		assertThat(ids("Patient?name:exact=" + enc(family))).containsExactly(patientId);
		assertThat(ids("Patient?family=" + enc(family.substring(0, 6)))).as("no prefix match").isEmpty();
		assertThat(ids("Patient?phone=" + enc("(" + phone.substring(0, 3) + ") " + phone.substring(4)))).containsExactly(patientId);
		assertThat(ids("Patient?telecom=" + enc(phone))).containsExactly(patientId);
		assertThat(ids("Patient?email=" + enc(email.toLowerCase()))).containsExactly(patientId);
		assertThat(ids("Patient?address-city=" + enc(city.toLowerCase()))).containsExactly(patientId);
		assertThat(ids("Patient?birthdate=" + birthDate + "&family=" + enc(family))).containsExactly(patientId);
		assertThat(ids("Patient?gender=female&family=" + enc(family))).containsExactly(patientId);
	}

	@Test
	void prescriptionSearchesByCodePatientStatusAndAuthoredOnKeepWorking() {
		String mine = "&patient=" + patientId;
		assertThat(ids("MedicationRequest?code=" + enc(RXNORM + "|197361") + mine)).containsExactly(prescriptionId);
		assertThat(ids("MedicationRequest?code=197361" + mine)).containsExactly(prescriptionId);
		assertThat(ids("MedicationRequest?code=" + enc(RXNORM + "|314076") + mine)).isEmpty();
		assertThat(ids("MedicationRequest?status=active" + mine)).containsExactly(prescriptionId);
		assertThat(ids("MedicationRequest?authoredon=ge2024-03-01&authoredon=lt2024-04-01" + mine)).containsExactly(prescriptionId);
		assertThat(ids("MedicationRequest?patient.identifier=" + enc(SSN + "|" + ssn))).containsExactly(prescriptionId);
		assertThat(ids("Patient?_has:MedicationRequest:patient:code=" + enc(RXNORM + "|197361") + "&_id=" + patientId))
				.containsExactly(patientId);
	}

	@Test
	void indexTablesHoldOnlyMacsForTheResourcesValues() {
		List<String> tokens = jdbc.queryForList(
				"SELECT coalesce(t.sp_value, '') FROM hfj_spidx_token t JOIN hfj_resource r ON r.res_id = t.res_id"
						+ " WHERE r.fhir_id IN (?, ?)", String.class, patientId, prescriptionId);
		assertThat(tokens).isNotEmpty();
		assertThat(tokens).filteredOn(v -> v.startsWith("hmac:")).hasSizeGreaterThanOrEqualTo(8);
		assertThat(tokens).filteredOn(v -> !v.startsWith("hmac:")).allSatisfy(v ->
				assertThat(v).isIn("", "active", "order", "false", "true"));
		String everything = String.join("\n", allIndexValuesOf(patientId)) + String.join("\n", allIndexValuesOf(prescriptionId));
		for (String secret : List.of(ssn, mrn, family, family.toUpperCase(), given, phone, phone.replace("-", ""),
				email, email.toLowerCase(), city, city.toUpperCase(), birthDate, "197361", "amlodipine", "AMLODIPINE", "Secret Lane")) {
			assertThat(everything).as("index rows of the test's resources").doesNotContainIgnoringCase(secret);
		}
		Long birthDates = jdbc.queryForObject("SELECT count(*) FROM hfj_spidx_date d JOIN hfj_resource r ON r.res_id = d.res_id"
				+ " WHERE r.fhir_id = ?", Long.class, patientId);
		assertThat(birthDates).as("no date index row for the birth date").isZero();
	}

	@Test
	void persistedSearchesAndMatchUrlsHoldOnlyMacs() {
		ids("Patient?identifier=" + enc(SSN + "|" + ssn) + "&family=" + enc(family));
		Patient again = new Patient();
		again.addIdentifier().setSystem(MRN).setValue(mrn + "-cc");
		client.create().resource(again).conditionalByUrl("Patient?identifier=" + enc(MRN + "|" + mrn + "-cc")).execute();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient inBundle = new Patient();
		inBundle.addIdentifier().setSystem(MRN).setValue(mrn + "-tx");
		transaction.addEntry().setResource(inBundle).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
				.setIfNoneExist("identifier=" + enc(MRN + "|" + mrn + "-tx"));
		client.transaction().withBundle(transaction).execute();

		String searches = String.join("\n", jdbc.queryForList(
				"SELECT coalesce(search_query_string_vc, '') || ' ' || coalesce(encode(search_param_map_bin, 'escape'), '')"
						+ " FROM hfj_search", String.class));
		String matchUrls = String.join("\n", jdbc.queryForList("SELECT res_search_url FROM hfj_res_search_url", String.class));
		assertThat(searches).contains("hmac");
		// HAPI keeps a match URL only until the transaction that used it ends (TransactionProcessor
		// deletes them), so there may be none left to look at; it stores the canonical form of the
		// URL HAPI searched with, which conditionalCreates... shows is blind (else no match is found).
		for (String secret : List.of(ssn, family, mrn)) {
			assertThat(searches).doesNotContainIgnoringCase(secret);
			assertThat(matchUrls).doesNotContainIgnoringCase(secret);
		}
	}

	@Test
	void conditionalCreatesAndMatchUrlReferencesStillFindTheStoredResource() {
		String match = "Patient?identifier=" + enc(SSN + "|" + ssn);
		Patient duplicate = new Patient();
		duplicate.addIdentifier().setSystem(SSN).setValue(ssn);

		assertThat(client.create().resource(duplicate).conditionalByUrl(match).execute().getId().getIdPart()).isEqualTo(patientId);

		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		MedicationRequest byMatchUrl = new MedicationRequest();
		byMatchUrl.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
		byMatchUrl.setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL);
		byMatchUrl.getMedicationCodeableConcept().addCoding().setSystem(RXNORM).setCode("197361");
		byMatchUrl.setSubject(new Reference("Patient?identifier=" + SSN + "|" + ssn));
		byMatchUrl.setRequester(new Reference("Practitioner?identifier=" + NPI + "|" + npi));
		transaction.addEntry().setResource(byMatchUrl).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationRequest");
		transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("Patient?identifier=" + SSN + "|" + ssn);
		transaction.getEntry().get(1).setResource(conditionalUpdateOf());

		Bundle response = client.transaction().withBundle(transaction).execute();

		String created = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
		MedicationRequest stored = client.read().resource(MedicationRequest.class).withId(created).execute();
		assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + patientId);
		assertThat(new IdType(response.getEntry().get(1).getResponse().getLocation()).getIdPart()).isEqualTo(patientId);
	}

	private Patient conditionalUpdateOf() {
		Patient updated = new Patient();
		updated.addIdentifier().setSystem(SSN).setValue(ssn);
		updated.addName().setFamily(family);
		return updated;
	}

	@Test
	void postSearchAndBatchSearchEntriesAreRewrittenToo() {
		RawHttp.Response posted = http.send("POST", "Patient/_search", "application/x-www-form-urlencoded",
				"identifier=" + enc(SSN + "|" + ssn));
		assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		assertThat(idsIn(posted.body())).containsExactly(patientId);

		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient?identifier=" + enc(SSN + "|" + ssn));
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient?family=" + enc(family));
		Bundle response = client.transaction().withBundle(batch).execute();

		for (Bundle.BundleEntryComponent entry : response.getEntry()) {
			Bundle found = (Bundle) entry.getResource();
			assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(patientId);
		}
	}

	@Test
	void logsHoldNoSearchedValues(org.springframework.boot.test.system.CapturedOutput output) {
		ids("Patient?identifier=" + enc(SSN + "|" + ssn) + "&family=" + enc(family));
		http.get("Patient?birthdate=ge" + birthDate);
		http.get("MedicationRequest?code:text=" + enc(family));
		Patient again = new Patient();
		again.addIdentifier().setSystem(MRN).setValue(mrn);
		client.create().resource(again).conditionalByUrl("Patient?identifier=" + enc(MRN + "|" + mrn)).execute();

		assertThat(output.getAll()).doesNotContain(ssn, family, mrn, birthDate);
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"Patient?phonetic=Smith",
		"Patient?name:contains=Smi",
		"Patient?birthdate=ge1980-01-01",
		"Patient?_sort=birthdate",
		"Patient?death-date=2020-01-01",
		"MedicationRequest?code:text=amlodipine",
		"MedicationRequest?code:below=" + RXNORM + "%7C197361",
		"MedicationRequest?code:in=http%3A%2F%2Fexample.org%2FValueSet%2Fx",
		"Observation?code-value-quantity=http%3A%2F%2Floinc.org%7C8480-6%24gt100",
		"Observation?value-string=secret",
	})
	void searchesABlindIndexCannotAnswerAre400WithAnOperationOutcome(String search) {
		RawHttp.Response response = http.get(search);

		assertThat(response.status()).as(search).isEqualTo(400);
		OperationOutcome outcome = fhirContext().newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(response.body()).doesNotContain("Smith", "Smi\"", "amlodipine", "secret");
	}

	private Set<String> ids(String search) {
		RawHttp.Response response = http.get(search);
		assertThat(response.status()).as(search + ": " + response.body()).isEqualTo(200);
		return idsIn(response.body());
	}

	private static Set<String> idsIn(String searchSet) {
		Bundle bundle = fhirContext().newJsonParser().parseResource(Bundle.class, searchSet);
		return bundle.getEntry().stream()
				.filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
				.map(e -> e.getResource().getIdElement().getIdPart())
				.collect(Collectors.toSet());
	}

	private List<String> allIndexValuesOf(String fhirId) {
		String byResource = " x JOIN hfj_resource r ON r.res_id = x.res_id WHERE r.fhir_id = ?";
		List<String> values = new java.util.ArrayList<>();
		values.addAll(jdbc.queryForList("SELECT coalesce(x.sp_system,'') || ' ' || coalesce(x.sp_value,'') FROM hfj_spidx_token"
				+ byResource, String.class, fhirId));
		values.addAll(jdbc.queryForList("SELECT coalesce(x.sp_value_normalized,'') || ' ' || coalesce(x.sp_value_exact,'')"
				+ " FROM hfj_spidx_string" + byResource, String.class, fhirId));
		values.addAll(jdbc.queryForList("SELECT cast(x.sp_value_low as varchar) FROM hfj_spidx_date" + byResource, String.class, fhirId));
		values.addAll(jdbc.queryForList("SELECT coalesce(x.sp_uri,'') FROM hfj_spidx_uri" + byResource, String.class, fhirId));
		return values;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
