package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class BodyCodecTests {

	private final BodyCodec codec = new BodyCodec(FhirContext.forR4Cached());

	@Test
	void leavesOutTheMetaFieldsHapiKeepsItselfAndKeepsTheRest() {
		Patient patient = new Patient();
		patient.setId("Patient/p1/_history/3");
		patient.getMeta().setVersionId("3").setLastUpdated(new Date()).setSource("urn:source#abc")
				.addProfile("http://example.org/profile");
		patient.getMeta().addTag("http://example.org/tags", "vip", null);
		patient.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", null);
		patient.addName().setFamily("Chalmers").addGiven("Peter");

		String json = codec.encodeJson(patient);

		assertThat(json).contains("Chalmers", "Peter")
				.doesNotContain("vip", "v3-Confidentiality", "example.org/profile", "urn:source", "lastUpdated", "versionId");
		Patient decoded = (Patient) codec.decode("Patient", json.getBytes(StandardCharsets.UTF_8));
		assertThat(decoded.getNameFirstRep().getFamily()).isEqualTo("Chalmers");
		assertThat(decoded.getMeta().getTag()).isEmpty();
	}

	@Test
	void doesNotChangeTheResourceItEncodes() {
		Patient patient = new Patient();
		patient.getMeta().addTag("http://example.org/tags", "vip", null);
		codec.encodeJson(patient);
		assertThat(patient.getMeta().getTag()).hasSize(1);
	}
}
