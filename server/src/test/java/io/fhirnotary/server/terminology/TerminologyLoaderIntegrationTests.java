package io.fhirnotary.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp.Response;
import io.fhirnotary.server.support.TerminologyLoaderProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own code system goes in through {@code load-terminology --fhir} and comes back out of
 * {@code $lookup}; loading the same release again changes nothing, and a new release is stored
 * beside it.
 */
class TerminologyLoaderIntegrationTests extends PostgresIntegrationTest {

	@TempDir
	Path folder;

	@Test
	void fhirCodeSystemRoundTripsAndReloadsIdempotently() throws IOException {
		String url = "https://example.org/fhir/CodeSystem/formulary-" + UUID.randomUUID();
		Path v1 = write("v1.json", codeSystem(url, "1", "A1", "Formulary item one"));

		TerminologyLoaderProcess.Result first = TerminologyLoaderProcess.load(fhirBase(), "--token", custodianToken(), "--fhir", v1.toString());
		StoredCounts afterFirst = storedCounts();
		TerminologyLoaderProcess.Result again = TerminologyLoaderProcess.load(fhirBase(), "--token", custodianToken(), "--fhir", v1.toString());

		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(storedCounts()).isEqualTo(afterFirst);
		assertThat(lookup(url, "A1").body()).contains("Formulary item one");

		Path v2 = write("v2.json", codeSystem(url, "2", "A1", "Formulary item one, renamed"));
		TerminologyLoaderProcess.Result newRelease = TerminologyLoaderProcess.load(fhirBase(), "--token", custodianToken(), "--fhir", v2.toString());

		// A release of another version is stored beside the first, as HAPI keeps code system
		// versions; both answer $lookup when asked by version.
		assertThat(newRelease.exitCode()).as(newRelease.output()).isZero();
		assertThat(lookup(url + "&version=2", "A1").body()).contains("Formulary item one, renamed");
		assertThat(lookup(url + "&version=1", "A1").body()).contains("Formulary item one\"");
	}

	@Test
	void aLoaderRunThatCannotReachTheServerFailsWithANonZeroExit() throws IOException {
		Path file = write("v1.json", codeSystem("https://example.org/fhir/CodeSystem/x", "1", "A", "a"));

		TerminologyLoaderProcess.Result result =
				TerminologyLoaderProcess.load("http://localhost:9/fhir", "--fhir", file.toString());

		assertThat(result.exitCode()).isNotZero();
	}

	@Test
	void uploadsNamingAFileOnTheServerAreRefused() {
		String parameters = """
				{"resourceType":"Parameters","parameter":[
				  {"name":"system","valueUri":"http://www.nlm.nih.gov/research/umls/rxnorm"},
				  {"name":"file","valueAttachment":{"url":"localfile:/etc/passwd"}}]}""";
		StoredCounts before = storedCounts();

		Response response = http.send("POST", "CodeSystem/$upload-external-code-system", "application/fhir+json", parameters);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("OperationOutcome").contains("localfile").doesNotContain("root:");
		assertThat(storedCounts()).isEqualTo(before);
	}

	private Response lookup(String system, String code) {
		Response response = http.get("CodeSystem/$lookup?system=" + system + "&code=" + code);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	private Path write(String name, CodeSystem codeSystem) throws IOException {
		Path file = folder.resolve(name);
		Files.writeString(file, fhirContext().newJsonParser().encodeResourceToString(codeSystem));
		return file;
	}

	private static CodeSystem codeSystem(String url, String version, String code, String display) {
		CodeSystem codeSystem = new CodeSystem().setUrl(url).setVersion(version)
				.setStatus(Enumerations.PublicationStatus.ACTIVE)
				.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		codeSystem.addConcept().setCode(code).setDisplay(display);
		codeSystem.addConcept().setCode(code + "-other").setDisplay("another item");
		return codeSystem;
	}
}
