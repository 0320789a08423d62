package io.fhirnotary.terminology.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed bundled files are exactly what the generator makes from the Synthea jar, so a
 * hand edit or a generator change without regeneration is caught. Maven copies the jar into
 * target/synthea before the tests (see the pom); the path arrives as system property synthea.jar.
 */
class BundledContentIsUpToDateTests {

	private static final String FOLDER = "/io/fhirnotary/terminology/bundled/";

	@Test
	void committedFilesMatchARegenerationFromTheSyntheaJar() throws IOException {
		Path jar = Path.of(System.getProperty("synthea.jar", "target/synthea/synthea-3.3.0.jar"));
		assertThat(jar).as("Synthea jar copied by maven-dependency-plugin").exists();

		Map<String, String> regenerated = BundledContentGenerator.generate(jar, FhirContext.forR4Cached());

		assertThat(regenerated).hasSize(7);
		for (Map.Entry<String, String> file : regenerated.entrySet()) {
			assertThat(committed(file.getKey()))
					.as(file.getKey() + " differs from a regeneration; run"
							+ " mvn -B -pl terminology -Pregenerate-bundled process-test-classes")
					.isEqualTo(file.getValue());
		}
	}

	@Test
	void displaysArePreferredByFrequencyThenAlphabetically() {
		Map<String, Integer> counts = Map.of("b display", 2, "a display", 2, "most used", 5);

		assertThat(RxNormSubsetBuilder.displaysByPreference(counts)).containsExactly("most used", "a display", "b display");
	}

	@Test
	void codesSortNumerically() {
		assertThat(RxNormSubsetBuilder.compareCodes("1191", "29046")).isNegative();
		assertThat(RxNormSubsetBuilder.compareCodes("999999", "1049683")).isNegative();
	}

	private static String committed(String file) throws IOException {
		try (InputStream in = BundledContentIsUpToDateTests.class.getResourceAsStream(FOLDER + file)) {
			assertThat(in).as(file + " on the classpath").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
