package io.fhirnotary.server.notary;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.MetaTagSorterAlphabetical;
import io.fhirnotary.notary.canonical.ContentHash;
import io.fhirnotary.server.crypto.EncodedBodies;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * The JSON the content hash is taken over must be the same whether the version's body was encoded
 * by the encryption hook first (the shortcut) or not: canonically equal to the whole version.
 */
class VersionJsonTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	/** What the encryption hook leaves out of a body (crypto.BodyCodec). */
	private static final Set<String> KEPT_BY_HAPI = Set.of(
			"*.meta.tag", "*.meta.security", "*.meta.profile", "*.meta.versionId", "*.meta.lastUpdated", "*.meta.source");

	private final VersionJson versionJson = new VersionJson(FHIR, new MetaTagSorterAlphabetical());

	@Test
	void aVersionWithItsBodyEncodedHashesLikeTheWholeVersion() {
		for (Resource version : versions()) {
			String whole = versionJson.of(version);
			EncodedBodies.remember(version, version.getIdElement().getVersionIdPart(), body(version), "*shared*");

			assertThat(ContentHash.canonicalize(versionJson.of(version)))
					.as(version.fhirType())
					.isEqualTo(ContentHash.canonicalize(whole));
		}
	}

	@Test
	void theEncodedBodyIsWhatGetsHashed() {
		Patient version = patient();
		String whole = versionJson.of(version);
		rememberAnotherBody(version, "3");

		// proves the shortcut is taken: the remembered body, not the object, decides the hash
		assertThat(ContentHash.canonicalize(versionJson.of(version))).isNotEqualTo(ContentHash.canonicalize(whole));
	}

	@Test
	void aBodyRememberedForAnotherVersionIsIgnored() {
		Patient version = patient();
		String whole = versionJson.of(version);
		rememberAnotherBody(version, "2");

		assertThat(versionJson.of(version)).isEqualTo(whole);
	}

	/** Leaves on {@code version} the body of another patient's record, filed under {@code versionId}. */
	private static void rememberAnotherBody(Patient version, String versionId) {
		Patient other = patient();
		other.getNameFirstRep().setFamily("Someone Else");
		EncodedBodies.remember(version, versionId, body(other), "*shared*");
	}

	private static String body(Resource resource) {
		IParser parser = FHIR.newJsonParser();
		parser.setDontEncodeElements(KEPT_BY_HAPI);
		return parser.encodeResourceToString(resource);
	}

	private static Resource[] versions() {
		Patient bare = new Patient();
		bare.setId("Patient/bare/_history/1");
		bare.getMeta().setVersionId("1").setLastUpdated(new Date(1_700_000_000_123L));
		MedicationRequest prescription = new MedicationRequest();
		prescription.setId("MedicationRequest/rx/_history/2");
		prescription.getMeta().setVersionId("2").setLastUpdated(new Date(1_700_000_100_000L)).setSource("#req-7");
		prescription.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		prescription.setSubject(new Reference("Patient/p"));
		prescription.getDosageInstructionFirstRep().setText("one tablet daily");
		Patient noMeta = new Patient();
		noMeta.setId("Patient/nometa");
		noMeta.setActive(true);
		return new Resource[] {patient(), bare, prescription, noMeta};
	}

	private static Patient patient() {
		Patient patient = new Patient();
		patient.setId("Patient/p1/_history/3");
		patient.getMeta()
				.setVersionId("3")
				.setLastUpdated(new Date(1_700_000_000_000L))
				.setSource("http://ehr.example.org#abc")
				.addTag("http://example.org/tags", "zeta", "Zeta")
				.addTag("http://example.org/tags", "alpha", "Alpha")
				.addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", "restricted")
				.addProfile("http://example.org/StructureDefinition/z")
				.addProfile("http://example.org/StructureDefinition/a");
		patient.addName().setFamily("Example").addGiven("Alex");
		patient.addExtension(new Extension("http://example.org/ext", new StringType("value")));
		return patient;
	}
}
