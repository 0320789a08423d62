package io.fhirnotary.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.Test;

/**
 * A real EHR-shaped load: Synthea's hospital and practitioner batches, then a patient's
 * transaction bundle whose references to organisations and practitioners are conditional URLs.
 * The bundles come from the test corpus the corpus module generates (seed 42) before these tests.
 */
class SyntheaBundleIntegrationTests extends PostgresIntegrationTest {

	private static final Path CORPUS = Path.of("..", "corpus", "target", "synthea-test", "fhir");

	@Test
	void patientBundleLoadsAfterTheSharedBundlesAndItsPrescriptionsAreSearchable() throws IOException {
		Bundle hospitals = post(single("hospitalInformation"));
		Bundle practitioners = post(single("practitionerInformation"));
		assertThat(hospitals.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
		assertThat(hospitals.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("20"));
		assertThat(practitioners.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("20"));

		Path patientFile = smallestPatientBundle();
		Bundle source = fhirContext().newJsonParser().parseResource(Bundle.class, Files.readString(patientFile));
		long prescriptionsInBundle = source.getEntry().stream()
				.filter(e -> e.getResource() instanceof MedicationRequest)
				.count();
		assertThat(prescriptionsInBundle).as("prescriptions in %s", patientFile).isPositive();
		StoredCounts before = storedCounts();

		Bundle response = post(patientFile);

		assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
		assertThat(response.getEntry()).hasSize(source.getEntry().size());
		assertThat(storedCounts().resources() - before.resources()).isEqualTo(source.getEntry().size());

		String patientId = response.getEntryFirstRep().getResponse().getLocation().split("/")[1];
		Patient patient = client.read().resource(Patient.class).withId(patientId).execute();
		Patient sourcePatient = (Patient) source.getEntryFirstRep().getResource();
		assertThat(patient.getIdentifier()).hasSameSizeAs(sourcePatient.getIdentifier());

		Bundle prescriptions = client.search().forResource(MedicationRequest.class)
				.where(MedicationRequest.PATIENT.hasId(patientId))
				.include(MedicationRequest.INCLUDE_REQUESTER)
				.count(200)
				.returnBundle(Bundle.class).execute();
		List<MedicationRequest> found = prescriptions.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(MedicationRequest.class::isInstance)
				.map(MedicationRequest.class::cast)
				.toList();
		assertThat(found).hasSize((int) prescriptionsInBundle);
		// Synthea names prescribers by conditional URL; the server resolved them to stored Practitioners.
		assertThat(found).allSatisfy(mr -> assertThat(mr.getRequester().getReference()).startsWith("Practitioner/"));
		assertThat(prescriptions.getEntry()).anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(Practitioner.class));

		Bundle active = client.search().forResource(MedicationRequest.class)
				.where(MedicationRequest.PATIENT.hasId(patientId))
				.and(MedicationRequest.STATUS.exactly().code("active"))
				.count(200)
				.returnBundle(Bundle.class).execute();
		long activeInBundle = source.getEntry().stream()
				.filter(e -> e.getResource() instanceof MedicationRequest mr
						&& mr.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE)
				.count();
		assertThat(active.getEntry()).hasSize((int) activeInBundle);
	}

	private Bundle post(Path file) throws IOException {
		String response = client.transaction().withBundle(Files.readString(file)).execute();
		return fhirContext().newJsonParser().parseResource(Bundle.class, response);
	}

	private static Path single(String prefix) throws IOException {
		try (Stream<Path> files = Files.list(corpus())) {
			return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
					.orElseThrow(() -> new IllegalStateException("No " + prefix + " bundle in " + CORPUS));
		}
	}

	private static Path smallestPatientBundle() throws IOException {
		try (Stream<Path> files = Files.list(corpus())) {
			return files.filter(f -> !f.getFileName().toString().startsWith("hospitalInformation"))
					.filter(f -> !f.getFileName().toString().startsWith("practitionerInformation"))
					.min(Comparator.comparingLong(SyntheaBundleIntegrationTests::size))
					.orElseThrow(() -> new IllegalStateException("No patient bundle in " + CORPUS));
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Path corpus() {
		if (!Files.isDirectory(CORPUS)) {
			throw new IllegalStateException("Synthea test corpus missing at " + CORPUS.toAbsolutePath()
					+ ": the corpus module generates it during the build; run the tests from the project root");
		}
		return CORPUS;
	}
}
