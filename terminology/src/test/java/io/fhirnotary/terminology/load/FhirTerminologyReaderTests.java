package io.fhirnotary.terminology.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FhirTerminologyReaderTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private final FhirTerminologyReader reader = new FhirTerminologyReader(R4);

	@Test
	void readsSingleResourcesAndBundlesInFileOrder(@TempDir Path folder) throws IOException {
		Path single = Files.writeString(folder.resolve("cs.json"), """
				{ "resourceType": "CodeSystem", "url": "http://example.org/cs-a", "status": "active", "content": "complete",
				  "concept": [ { "code": "a", "display": "A" } ] }
				""");
		Path bundle = Files.writeString(folder.resolve("bundle.json"), """
				{ "resourceType": "Bundle", "type": "collection", "entry": [
				  { "resource": { "resourceType": "ValueSet", "url": "http://example.org/vs", "status": "active" } },
				  { "resource": { "resourceType": "CodeSystem", "url": "http://example.org/cs-b", "status": "active", "content": "complete" } }
				] }
				""");

		TerminologyResources resources = reader.read(List.of(single, bundle));

		assertThat(resources.codeSystems()).extracting(CodeSystem::getUrl).containsExactly("http://example.org/cs-a", "http://example.org/cs-b");
		assertThat(resources.valueSets()).extracting(ValueSet::getUrl).containsExactly("http://example.org/vs");
	}

	@Test
	void refusesOtherResourceTypesNamingTheEntry(@TempDir Path folder) throws IOException {
		Path bundle = Files.writeString(folder.resolve("mixed.json"), """
				{ "resourceType": "Bundle", "type": "collection", "entry": [
				  { "resource": { "resourceType": "ValueSet", "url": "http://example.org/vs", "status": "active" } },
				  { "resource": { "resourceType": "Patient" } }
				] }
				""");

		assertThatThrownBy(() -> reader.read(List.of(bundle)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("entry 1")
				.hasMessageContaining("Patient");
	}

	@Test
	void refusesResourcesWithoutAUrl(@TempDir Path folder) throws IOException {
		Path noUrl = Files.writeString(folder.resolve("nourl.json"), """
				{ "resourceType": "CodeSystem", "status": "active", "content": "complete" }
				""");

		assertThatThrownBy(() -> reader.read(List.of(noUrl))).hasMessageContaining("without a url");
	}

	@Test
	void reportsFilesThatAreNotFhirJson(@TempDir Path folder) throws IOException {
		Path garbage = Files.writeString(folder.resolve("garbage.json"), "{ \"not\": \"fhir\" }");

		assertThatThrownBy(() -> reader.read(List.of(garbage)))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("garbage.json");
	}

	@Test
	void flattensNestedConceptsIntoAReleaseWithParents() {
		CodeSystem codeSystem = new CodeSystem().setUrl("http://example.org/cs").setVersion("2");
		CodeSystem.ConceptDefinitionComponent root = codeSystem.addConcept().setCode("root").setDisplay("Root");
		root.addConcept().setCode("leaf").setDisplay("Leaf");
		codeSystem.addConcept().setCode("other").setDisplay("Other").addConcept().setCode("leaf").setDisplay("Leaf");

		CodeSystemRelease release = CodeSystemReleases.fromCodeSystem(codeSystem);

		assertThat(release.version()).isEqualTo("2");
		assertThat(release.resourceId()).isEqualTo("cs-2");
		assertThat(release.concepts()).extracting(LoadedConcept::code).containsExactly("root", "leaf", "other");
		assertThat(release.concepts().get(1).parentCodes()).containsExactly("root", "other");
	}

	@Test
	void aCodeSystemSentInPartsNeedsAVersion() {
		CodeSystem unversioned = new CodeSystem().setUrl("http://example.org/cs");
		unversioned.addConcept().setCode("a");

		assertThatThrownBy(() -> CodeSystemReleases.fromCodeSystem(unversioned)).hasMessageContaining("has no version");
	}
}
