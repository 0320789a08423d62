package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class BodyCodecTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	/** The meta fields HAPI keeps in its own tables, as HAPI's own element filter names them. */
	private static final Set<String> KEPT_BY_HAPI = Set.of(
			"*.meta.tag", "*.meta.security", "*.meta.profile", "*.meta.versionId", "*.meta.lastUpdated", "*.meta.source");

	private final BodyCodec codec = new BodyCodec(FHIR);

	@Test
	void leavesOutTheMetaFieldsHapiKeepsItselfAndKeepsTheRest() {
		Patient patient = taggedPatient();

		String json = codec.encodeJson(patient);

		assertThat(json).contains("Chalmers", "Peter")
				.doesNotContain("vip", "v3-Confidentiality", "example.org/profile", "urn:source", "lastUpdated", "versionId");
		Patient decoded = (Patient) codec.decode("Patient", json.getBytes(StandardCharsets.UTF_8));
		assertThat(decoded.getNameFirstRep().getFamily()).isEqualTo("Chalmers");
		assertThat(decoded.getMeta().getTag()).isEmpty();
	}

	@Test
	void doesNotChangeTheResourceItEncodes() {
		Patient patient = taggedPatient();
		Meta before = patient.getMeta();
		String metaBefore = FHIR.newJsonParser().encodeToString(before);

		codec.encodeJson(patient);

		assertThat(patient.getMeta()).isSameAs(before);
		assertThat(FHIR.newJsonParser().encodeToString(patient.getMeta())).isEqualTo(metaBefore);
	}

	/**
	 * The body is what HAPI's element filter gives, apart from the empty {@code "meta":{}} the
	 * filter leaves at the top of a DomainResource: for resources with and without meta, with meta extensions (which the body
	 * keeps), with contained resources (whose metas the filter keeps), and for a Bundle
	 * (not a DomainResource).
	 */
	@Test
	void givesTheBodyHapisElementFilterGivesLessItsEmptyMeta() {
		for (IBaseResource resource : samples()) {
			IParser filtered = FHIR.newJsonParser();
			filtered.setDontEncodeElements(KEPT_BY_HAPI);
			String expected = filtered.encodeResourceToString(resource);
			if (resource instanceof DomainResource) {
				expected = expected.replaceFirst("\"meta\":\\{},", "");
			}

			assertThat(codec.encodeJson(resource)).as(resource.fhirType()).isEqualTo(expected);
		}
	}

	private static Patient taggedPatient() {
		Patient patient = new Patient();
		patient.setId("Patient/p1/_history/3");
		patient.getMeta().setVersionId("3").setLastUpdated(new Date()).setSource("urn:source#abc")
				.addProfile("http://example.org/profile");
		patient.getMeta().addTag("http://example.org/tags", "vip", null);
		patient.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", null);
		patient.addName().setFamily("Chalmers").addGiven("Peter");
		return patient;
	}

	private static List<IBaseResource> samples() {
		Patient bare = new Patient();
		bare.addName().setFamily("Bare");

		Patient withMetaExtension = taggedPatient();
		withMetaExtension.getMeta().addExtension("http://example.org/meta-note", new StringType("kept"));

		MedicationRequest withContained = new MedicationRequest();
		withContained.setId("MedicationRequest/rx1/_history/2");
		withContained.getMeta().setVersionId("2").addTag("http://example.org/tags", "outer", null);
		Medication contained = new Medication();
		contained.setId("med");
		contained.getMeta().addTag("http://example.org/tags", "inner", null);
		withContained.addContained(contained);
		withContained.setMedication(new Reference("#med"));

		Bundle bundle = new Bundle();
		bundle.setType(Bundle.BundleType.COLLECTION);
		bundle.setId("Bundle/b1/_history/4");
		bundle.getMeta().addTag("http://example.org/tags", "batch", null);
		bundle.addEntry().setResource(taggedPatient());

		return List.of(bare, taggedPatient(), withMetaExtension, withContained, bundle);
	}
}
