package io.fhirnotary.terminology.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.junit.jupiter.api.Test;

class CustomFormatArchiveTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private final CustomFormatArchive archive = new CustomFormatArchive(R4);

	@Test
	void writesTheFilesHapisCustomLoaderReads() throws IOException {
		CodeSystemRelease release = release(List.of(
				new LoadedConcept("1", "one, \"quoted\"", List.of(new ConceptProperty("tty", "IN"))),
				new LoadedConcept("2", "two", List.of())));

		Map<String, String> files = unzip(archive.write(release));

		assertThat(files).containsOnlyKeys("codesystem.json", "concepts.csv", "properties.csv");
		assertThat(files.get("concepts.csv")).isEqualTo("\"CODE\",\"DISPLAY\"\n\"1\",\"one, \"\"quoted\"\"\"\n\"2\",\"two\"\n");
		assertThat(files.get("properties.csv")).isEqualTo("\"CODE\",\"KEY\",\"VALUE\",\"TYPE\"\n\"1\",\"tty\",\"IN\",\"STRING\"\n");
		CodeSystem header = R4.newJsonParser().parseResource(CodeSystem.class, files.get("codesystem.json"));
		assertThat(header.getUrl()).isEqualTo("http://example.org/cs");
		assertThat(header.getIdElement().getIdPart()).isEqualTo("example-v1");
		assertThat(header.getVersion()).isEqualTo("v1");
		assertThat(header.getContent()).isEqualTo(CodeSystemContentMode.NOTPRESENT);
		assertThat(header.getProperty()).extracting(CodeSystem.PropertyComponent::getCode).containsExactly("tty");
	}

	@Test
	void writesTheHierarchyOfHierarchicalReleases() throws IOException {
		CodeSystemRelease release = release(List.of(
				new LoadedConcept("root", "Root", List.of()),
				new LoadedConcept("leaf", "Leaf", List.of(), List.of("root"))));

		assertThat(unzip(archive.write(release)).get("hierarchy.csv")).isEqualTo("\"PARENT\",\"CHILD\"\n\"root\",\"leaf\"\n");
	}

	@Test
	void aReleaseThatFitsStaysInOnePart() {
		List<ArchivePart> parts = archive.split(release(concepts(100)), 1_000_000);

		assertThat(parts).singleElement().satisfies(part -> {
			assertThat(part.isFirst()).isTrue();
			assertThat(part.conceptCount()).isEqualTo(100);
			assertThat(part.lastCode()).isEqualTo("c99");
			assertThat(part.fileName()).isEqualTo("part-1-of-1.zip");
		});
	}

	@Test
	void aLargeReleaseIsSplitInOrderIntoPartsUnderTheLimitWithTheHeaderInTheFirst() throws IOException {
		CodeSystemRelease release = release(concepts(20_000));

		List<ArchivePart> parts = archive.split(release, 40_000);

		assertThat(parts).hasSizeGreaterThan(1);
		assertThat(parts).allSatisfy(part -> assertThat(part.zip().length).isLessThanOrEqualTo(40_000));
		assertThat(parts.stream().mapToInt(ArchivePart::conceptCount).sum()).isEqualTo(20_000);
		assertThat(parts.get(parts.size() - 1).lastCode()).isEqualTo("c19999");
		List<String> codes = new ArrayList<>();
		for (ArchivePart part : parts) {
			Map<String, String> files = unzip(part.zip());
			assertThat(files.containsKey("codesystem.json")).isEqualTo(part.isFirst());
			files.get("concepts.csv").lines().skip(1).forEach(line -> codes.add(line.substring(1, line.indexOf('"', 1))));
		}
		assertThat(codes).hasSize(20_000).startsWith("c0", "c1").endsWith("c19999");
	}

	@Test
	void aHierarchicalReleaseThatNeedsSeveralPartsIsRefused() {
		List<LoadedConcept> concepts = new ArrayList<>(concepts(5_000));
		concepts.add(new LoadedConcept("child", "Child", List.of(), List.of("c0")));

		assertThatThrownBy(() -> archive.split(release(concepts), 20_000))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("hierarchy");
	}

	private static CodeSystemRelease release(List<LoadedConcept> concepts) {
		return new CodeSystemRelease("http://example.org/cs", "v1", "example", "Example", "Example",
				List.of(new PropertyDeclaration("tty", "term type")), concepts);
	}

	private static List<LoadedConcept> concepts(int count) {
		List<LoadedConcept> concepts = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			// displays that differ enough not to compress to nothing
			concepts.add(new LoadedConcept("c" + i, "concept " + i + " " + Integer.toHexString(i * 2654435761L > 0 ? i * 7919 : i),
					List.of(new ConceptProperty("tty", i % 2 == 0 ? "SCD" : "IN"))));
		}
		return concepts;
	}

	static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}

	@Test
	void eachVersionGetsAResourceIdOfItsOwnThatFhirAccepts() {
		CodeSystemRelease release = new CodeSystemRelease("http://example.org/cs", "2025/01 (Jan)", "RxNorm", null, null, List.of(),
				List.of(new LoadedConcept("a", "A", List.of())));

		assertThat(release.resourceId()).isEqualTo("rxnorm-2025-01-jan-").matches("[A-Za-z0-9\\-.]{1,64}");
	}
}
