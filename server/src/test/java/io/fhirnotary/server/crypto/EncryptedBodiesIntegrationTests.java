package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.parser.IParser;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Protected mode stores every resource version encrypted: HAPI's row holds a pointer, our table a
 * ciphertext bound to the row. Proven through HTTP and by looking at the tables directly.
 */
class EncryptedBodiesIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	IInterceptorService jpaInterceptors;

	@Test
	void databaseRowsHoldNoPlaintext() {
		String family = secret();
		String mrn = secret();
		String patientId = createPatient(family, mrn);
		String requestId = createPrescription(patientId, "Take " + family + " daily");

		for (String[] resource : new String[][] {{"Patient", patientId}, {"MedicationRequest", requestId}}) {
			List<Map<String, Object>> versions = jdbc.queryForList(
					"SELECT v.res_encoding, v.res_text_vc, v.res_text FROM hfj_res_ver v JOIN hfj_resource r ON r.res_id = v.res_id"
							+ " WHERE r.res_type = ? AND r.fhir_id = ?",
					resource[0], resource[1]);
			assertThat(versions).hasSize(1);
			assertThat(versions.get(0).get("res_encoding")).isEqualTo("ESR");
			assertThat((String) versions.get(0).get("res_text_vc")).matches("fnenc:[0-9a-f-]{36}");
			assertThat(versions.get(0).get("res_text")).isNull();
		}
		assertThat(jdbc.queryForObject(
						"SELECT count(*) FROM hfj_res_ver WHERE res_text_vc LIKE ? OR res_text_vc LIKE ?", Long.class,
						"%" + family + "%", "%" + mrn + "%"))
				.isZero();
		assertThat(jdbc.queryForObject(
						"SELECT count(*) FROM hfj_res_ver WHERE res_encoding NOT IN ('ESR', 'DEL') AND res_type NOT IN"
								+ " ('CodeSystem', 'ValueSet', 'ConceptMap', 'NamingSystem', 'StructureDefinition', 'StructureMap',"
								+ " 'SearchParameter', 'OperationDefinition', 'CompartmentDefinition', 'CapabilityStatement',"
								+ " 'ImplementationGuide')", Long.class))
				.as("no version anywhere is stored by HAPI in clear, published definitions aside")
				.isZero();
		List<byte[]> ciphertexts = jdbc.queryForList(
				"SELECT b.ciphertext FROM fn_resource_body b JOIN hfj_resource r ON r.res_id = b.res_pid"
						+ " WHERE r.fhir_id IN (?, ?)",
				byte[].class, patientId, requestId);
		assertThat(ciphertexts).hasSize(2);
		for (byte[] ciphertext : ciphertexts) {
			String raw = new String(ciphertext, StandardCharsets.ISO_8859_1);
			assertThat(raw).doesNotContain(family).doesNotContain(mrn).doesNotContain("resourceType");
		}
	}

	@Test
	void everyReadSurfaceReturnsWhatWasWritten() {
		String family = secret();
		String patientId = createPatient(family, secret());
		Patient v2 = client.read().resource(Patient.class).withId(patientId).execute();
		v2.getNameFirstRep().setFamily(family + "-two").addGiven("Ada");
		client.update().resource(v2).execute();
		String requestId = createPrescription(patientId, "Twice daily " + family);

		Patient read = client.read().resource(Patient.class).withId(patientId).execute();
		assertThat(read.getIdElement().getVersionIdPart()).isEqualTo("2");
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo(family + "-two");
		assertThat(read.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Ada");

		Patient first = client.read().resource(Patient.class).withIdAndVersion(patientId, "1").execute();
		assertThat(first.getNameFirstRep().getFamily()).isEqualTo(family);
		assertThat(first.getNameFirstRep().hasGiven()).isFalse();

		Bundle history = client.history().onInstance("Patient/" + patientId).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).extracting(e -> ((Patient) e.getResource()).getNameFirstRep().getFamily())
				.containsExactly(family + "-two", family);

		Bundle search = client.search().forResource(MedicationRequest.class)
				.where(MedicationRequest.SUBJECT.hasId("Patient/" + patientId))
				.include(MedicationRequest.INCLUDE_SUBJECT)
				.returnBundle(Bundle.class).execute();
		assertThat(search.getEntry()).hasSize(2);
		MedicationRequest found = (MedicationRequest) search.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource).filter(MedicationRequest.class::isInstance).findFirst().orElseThrow();
		assertThat(found.getIdElement().getIdPart()).isEqualTo(requestId);
		assertThat(found.getDosageInstructionFirstRep().getText()).isEqualTo("Twice daily " + family);
		Patient included = (Patient) search.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance).findFirst().orElseThrow();
		assertThat(included.getNameFirstRep().getFamily()).isEqualTo(family + "-two");
	}

	@Test
	void pagingDecryptsEveryPage() {
		String patientId = createPatient(secret(), secret());
		for (int i = 0; i < 7; i++) {
			createPrescription(patientId, "dose " + i);
		}
		Bundle page = client.search().forResource(MedicationRequest.class)
				.where(MedicationRequest.SUBJECT.hasId("Patient/" + patientId)).count(3).returnBundle(Bundle.class).execute();
		int seen = 0;
		java.util.Set<String> texts = new java.util.HashSet<>();
		while (true) {
			for (Bundle.BundleEntryComponent entry : page.getEntry()) {
				texts.add(((MedicationRequest) entry.getResource()).getDosageInstructionFirstRep().getText());
				seen++;
			}
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				break;
			}
			page = client.loadPage().next(page).execute();
		}
		assertThat(seen).isEqualTo(7);
		assertThat(texts).hasSize(7).allMatch(text -> text.startsWith("dose "));
	}

	@Test
	void transactionBundleReferencesResolveInsideTheEncryptedBody() {
		String family = secret();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addName().setFamily(family);
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		String patientUrn = transaction.getEntry().get(0).getFullUrl();
		MedicationRequest request = prescription(new Reference(patientUrn), "bundle dose " + family);
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(request)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationRequest");

		Bundle response = client.transaction().withBundle(transaction).execute();

		String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
		String requestId = new IdType(response.getEntry().get(1).getResponse().getLocation()).getIdPart();
		MedicationRequest stored = client.read().resource(MedicationRequest.class).withId(requestId).execute();
		assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + patientId);
		assertThat(stored.getDosageInstructionFirstRep().getText()).isEqualTo("bundle dose " + family);
		assertThat(client.read().resource(Patient.class).withId(patientId).execute().getNameFirstRep().getFamily())
				.isEqualTo(family);
		assertThat(bodyRows("MedicationRequest", requestId)).isEqualTo(1);
	}

	@Test
	void metaAddAndDeleteKeepTheBodyAndLeaveNoOrphans() {
		String family = secret();
		String patientId = createPatient(family, secret());
		Meta tags = new Meta();
		tags.addTag(new Coding("http://example.org/tags", "vip", null));

		client.meta().add().onResource(new IdType("Patient", patientId)).meta(tags).execute();
		Patient tagged = client.read().resource(Patient.class).withId(patientId).execute();
		assertThat(tagged.getMeta().getTag()).extracting(Coding::getCode).containsExactly("vip");
		assertThat(tagged.getNameFirstRep().getFamily()).isEqualTo(family);

		client.meta().delete().onResource(new IdType("Patient", patientId)).meta(tags).execute();
		Patient untagged = client.read().resource(Patient.class).withId(patientId).execute();
		assertThat(untagged.getMeta().getTag()).isEmpty();
		assertThat(untagged.getNameFirstRep().getFamily()).isEqualTo(family);

		long versions = jdbc.queryForObject(
				"SELECT count(*) FROM hfj_res_ver v JOIN hfj_resource r ON r.res_id = v.res_id WHERE r.fhir_id = ?",
				Long.class, patientId);
		assertThat(bodyRows("Patient", patientId)).isEqualTo(versions);
	}

	@Test
	void tamperedCiphertextIsAnErrorForThatResourceOnly() {
		String family = secret();
		String tamperedId = createPatient(family, secret());
		String intactId = createPatient(family, secret());
		// read once first: a body opened moments ago must not be served once its row changed
		assertThat(http.get("Patient/" + tamperedId).status()).isEqualTo(200);
		jdbc.update(
				"UPDATE fn_resource_body SET ciphertext = ? WHERE address = ?",
				flipLastByte(ciphertextOf("Patient", tamperedId)), addressOf("Patient", tamperedId));

		RawHttp.Response tampered = http.get("Patient/" + tamperedId);
		assertThat(tampered.status()).isEqualTo(500);
		assertThat(tampered.body()).contains("OperationOutcome").doesNotContain(family);

		assertThat(http.get("Patient/" + intactId).status()).isEqualTo(200);

		RawHttp.Response search = http.get("Patient?_id=" + tamperedId + "," + intactId);
		assertThat(search.status()).as("a search never silently skips a broken resource").isEqualTo(500);
		assertThat(search.body()).contains("OperationOutcome").doesNotContain(family);
	}

	@Test
	void ciphertextsSwappedBetweenRowsFailToDecrypt() {
		String first = createPatient(secret(), secret());
		String second = createPatient(secret(), secret());
		assertThat(http.get("Patient/" + first).status()).isEqualTo(200);
		assertThat(http.get("Patient/" + second).status()).isEqualTo(200);
		byte[] firstCiphertext = ciphertextOf("Patient", first);
		byte[] secondCiphertext = ciphertextOf("Patient", second);
		jdbc.update("UPDATE fn_resource_body SET ciphertext = ?, data_key_id = ? WHERE address = ?",
				secondCiphertext, keyIdOf("Patient", second), addressOf("Patient", first));
		jdbc.update("UPDATE fn_resource_body SET ciphertext = ?, data_key_id = ? WHERE address = ?",
				firstCiphertext, keyIdOf("Patient", first), addressOf("Patient", second));

		assertThat(http.get("Patient/" + first).status()).isEqualTo(500);
		assertThat(http.get("Patient/" + second).status()).isEqualTo(500);
	}

	@Test
	void pointersSwappedBetweenHistoryRowsFail() {
		String first = createPatient(secret(), secret());
		String second = createPatient(secret(), secret());
		assertThat(http.get("Patient/" + first).status()).isEqualTo(200);
		assertThat(http.get("Patient/" + second).status()).isEqualTo(200);
		String firstPointer = pointerOf(first);
		String secondPointer = pointerOf(second);
		jdbc.update("UPDATE hfj_res_ver SET res_text_vc = ? WHERE res_text_vc = ?", "swap", firstPointer);
		jdbc.update("UPDATE hfj_res_ver SET res_text_vc = ? WHERE res_text_vc = ?", firstPointer, secondPointer);
		jdbc.update("UPDATE hfj_res_ver SET res_text_vc = ? WHERE res_text_vc = ?", secondPointer, "swap");

		assertThat(http.get("Patient/" + first).status()).isEqualTo(500);
		assertThat(http.get("Patient/" + second).status()).isEqualTo(500);
	}

	@Test
	void aWriteThatMissesTheEncryptionHooksIsRefusedNotStoredInClear() {
		Object hooks = jpaInterceptors.getAllRegisteredInterceptors().stream()
				.filter(EncryptionStorageHooks.class::isInstance).findFirst().orElseThrow();
		String family = secret();
		long before = storedCounts().versions();
		jpaInterceptors.unregisterInterceptor(hooks);
		try {
			Patient patient = new Patient();
			patient.addName().setFamily(family);
			RawHttp.Response response = http.send("POST", "Patient", "application/fhir+json", json(patient));
			assertThat(response.status()).isEqualTo(500);
		} finally {
			jpaInterceptors.registerInterceptor(hooks);
		}
		assertThat(storedCounts().versions()).isEqualTo(before);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM hfj_res_ver WHERE res_text_vc LIKE ?", Long.class, "%" + family + "%"))
				.isZero();
	}

	// --- helpers ---------------------------------------------------------------------------------

	static String secret() {
		return "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	String createPatient(String family, String mrn) {
		Patient patient = new Patient();
		patient.addName().setFamily(family);
		patient.addIdentifier().setSystem("http://example.org/mrn").setValue(mrn);
		return client.create().resource(patient).execute().getId().getIdPart();
	}

	String createPrescription(String patientId, String dosageText) {
		return client.create().resource(prescription(new Reference("Patient/" + patientId), dosageText))
				.execute().getId().getIdPart();
	}

	static MedicationRequest prescription(Reference subject, String dosageText) {
		MedicationRequest request = new MedicationRequest();
		request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.setMedication(new org.hl7.fhir.r4.model.CodeableConcept().setText("paracetamol 500 mg tablet"));
		request.setSubject(subject);
		request.addDosageInstruction().setText(dosageText);
		return request;
	}

	String json(Resource resource) {
		IParser parser = fhirContext().newJsonParser();
		return parser.encodeResourceToString(resource);
	}

	long bodyRows(String type, String id) {
		return jdbc.queryForObject(
				"SELECT count(*) FROM fn_resource_body b JOIN hfj_resource r ON r.res_id = b.res_pid"
						+ " WHERE r.res_type = ? AND r.fhir_id = ?",
				Long.class, type, id);
	}

	String pointerOf(String patientId) {
		return jdbc.queryForObject(
				"SELECT v.res_text_vc FROM hfj_res_ver v JOIN hfj_resource r ON r.res_id = v.res_id"
						+ " WHERE r.res_type = 'Patient' AND r.fhir_id = ? AND v.res_ver = r.res_ver",
				String.class, patientId);
	}

	String addressOf(String type, String id) {
		return jdbc.queryForObject(
				"SELECT b.address FROM fn_resource_body b JOIN hfj_resource r ON r.res_id = b.res_pid AND r.res_ver = b.res_ver"
						+ " WHERE r.res_type = ? AND r.fhir_id = ?",
				String.class, type, id);
	}

	byte[] ciphertextOf(String type, String id) {
		return jdbc.queryForObject("SELECT ciphertext FROM fn_resource_body WHERE address = ?", byte[].class, addressOf(type, id));
	}

	String keyIdOf(String type, String id) {
		return jdbc.queryForObject("SELECT data_key_id FROM fn_resource_body WHERE address = ?", String.class, addressOf(type, id));
	}

	static byte[] flipLastByte(byte[] bytes) {
		byte[] copy = bytes.clone();
		copy[copy.length - 1] ^= 0x01;
		return copy;
	}
}
