package io.fhirnotary.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.fhirnotary.server.support.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The quick start's configuration: no profile, embedded H2 in the data folder. Runs in plain mode:
 * HAPI as it comes, without the protections (validation on write, so far) of protected mode.
 */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"fhirnotary.data-dir=./target/embedded-defaults-test", "fhirnotary.mode=plain"})
class EmbeddedDefaultsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesFhirFromAnH2DatabaseInTheDataFolder() {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		Medication medication = new Medication();
		medication.getCode().addCoding().setSystem("http://www.nlm.nih.gov/research/umls/rxnorm").setCode("197361");

		IdType id = (IdType) client.create().resource(medication).execute().getId();
		Bundle found = client.search().forResource(Medication.class)
				.where(Medication.CODE.exactly().systemAndCode("http://www.nlm.nih.gov/research/umls/rxnorm", "197361"))
				.returnBundle(Bundle.class).execute();

		assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(id.getIdPart());
		assertThat(Files.exists(Path.of("target/embedded-defaults-test/h2/fhir-notary.mv.db"))).isTrue();
	}

	@Test
	void plainModeStoresPrescriptionsWithoutValidatingThem() {
		IGenericClient client = client();
		org.hl7.fhir.r4.model.MedicationRequest unvalidated = new org.hl7.fhir.r4.model.MedicationRequest();
		unvalidated.getMedicationCodeableConcept().addCoding()
				.setSystem("http://www.nlm.nih.gov/research/umls/rxnorm").setCode("999999999");

		assertThat(client.create().resource(unvalidated).execute().getCreated()).isTrue();
	}

	private IGenericClient client() {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		return fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
	}

	/**
	 * An RxNorm release in RRF goes in through {@code load-terminology --rrf} and answers
	 * {@code $lookup}. Run here, on this test's own database, because a loaded release becomes the
	 * current RxNorm version and would replace the bundled subset the PostgreSQL tests rely on.
	 */
	@Test
	void rxNormReleaseInRrfFormatRoundTripsThroughTheLoader() {
		String release = java.nio.file.Path.of("..", "terminology", "src", "test", "resources", "rxnorm", "release")
				.toAbsolutePath().toString();

		io.fhirnotary.server.support.TerminologyLoaderProcess.Result result =
				io.fhirnotary.server.support.TerminologyLoaderProcess.load(
						"http://localhost:" + port + "/fhir", "--rrf", release);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("RXNCONSO.RRF");
		RawHttp.Response lookup = new RawHttp("http://localhost:" + port + "/fhir")
				.get("CodeSystem/$lookup?system=http://www.nlm.nih.gov/research/umls/rxnorm&code=1049683");
		assertThat(lookup.status()).as(lookup.body()).isEqualTo(200);
		assertThat(lookup.body()).containsIgnoringCase("oxycodone");
	}

	@Test
	void reportsItsModeOnTheInfoEndpoint() {
		RawHttp.Response info = new RawHttp("http://localhost:" + port).get("/actuator/info");

		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).contains("\"mode\":\"plain\"");
	}
}
