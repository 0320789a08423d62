package io.fhirnotary.terminology.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.terminology.TerminologyUrls;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the hand-made fixtures in src/test/resources/rxnorm (see the README there). */
class RxNormRrfReaderTests {

	private static Path release;
	private static RxNormRelease read;
	private static Map<String, LoadedConcept> byCode;

	@BeforeAll
	static void readFixtures() throws IOException, URISyntaxException {
		release = Path.of(RxNormRrfReaderTests.class.getResource("/rxnorm/release").toURI());
		read = new RxNormRrfReader(ProgressListener.silent()).read(release, null);
		byCode = read.release().concepts().stream().collect(Collectors.toMap(LoadedConcept::code, Function.identity()));
	}

	@Test
	void makesOneConceptPerRxCuiOfTheRxNormSource() {
		assertThat(read.release().url()).isEqualTo(TerminologyUrls.RXNORM);
		assertThat(read.release().concepts()).extracting(LoadedConcept::code)
				.containsExactly("161", "7804", "82063", "9000001", "1049683", "9000002", "9000003", "1049221", "9000005", "9000006");
	}

	@Test
	void namesEachConceptByItsNormalisedAtom() {
		assertThat(byCode.get("1049683").display()).isEqualTo("oxycodone hydrochloride 10 MG Oral Tablet");
		assertThat(property(byCode.get("1049683"), RxNormRrfReader.TTY_PROPERTY)).containsExactly("SCD");
		assertThat(byCode.get("1049221").display()).isEqualTo("acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet");
		assertThat(property(byCode.get("82063"), RxNormRrfReader.TTY_PROPERTY)).containsExactly("PIN");
	}

	@Test
	void skipsConceptsWhoseAtomsAreAllObsoleteOrSuppressed() {
		assertThat(byCode).doesNotContainKeys("999001", "9000004");
		assertThat(read.summary().atomsSuppressed()).isEqualTo(2);
	}

	@Test
	void skipsRowsOfOtherVocabularies() {
		assertThat(read.summary().atomRows()).isEqualTo(16);
		assertThat(read.summary().atomsFromOtherSources()).isEqualTo(1);
		assertThat(read.summary().atomsKept()).isEqualTo(13);
		assertThat(read.summary().malformedRows()).isZero();
	}

	@Test
	void readsIngredientLinksInBothDirectionsAsOne() {
		assertThat(property(byCode.get("9000001"), RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).containsExactly("7804");
		assertThat(property(byCode.get("9000003"), RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).containsExactly("7804");
		assertThat(property(byCode.get("9000002"), RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).containsExactly("161");
	}

	@Test
	void aClinicalDrugGetsTheIngredientsOfItsComponents() {
		assertThat(property(byCode.get("1049683"), RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).containsExactly("7804");
		assertThat(property(byCode.get("1049221"), RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).containsExactly("161", "7804");
	}

	@Test
	void onlyIngredientConceptsCountAsIngredientsAndSkippedRelationsAddNothing() {
		// 9000006 "has_ingredient" a brand name (BN) and, from another source, acetaminophen
		assertThat(property(byCode.get("9000006"), RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).isEmpty();
		assertThat(property(byCode.get("161"), RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).isEmpty();
		assertThat(read.summary().relationRows()).isEqualTo(13);
		assertThat(read.summary().ingredientLinks()).isEqualTo(6);
	}

	@Test
	void takesTheVersionFromTheReadmeUnlessGiven() throws IOException {
		assertThat(read.release().version()).isEqualTo("01062025");
		assertThat(new RxNormRrfReader(ProgressListener.silent()).read(release, "2025-01").release().version()).isEqualTo("2025-01");
	}

	@Test
	void readsAFolderWithTheFilesThemselvesAndWithoutRelations(@TempDir Path folder) throws IOException {
		Files.copy(release.resolve("rrf").resolve(RxNormRrfReader.CONCEPTS_FILE), folder.resolve(RxNormRrfReader.CONCEPTS_FILE));

		RxNormRelease conceptsOnly = new RxNormRrfReader(ProgressListener.silent()).read(folder, "test");

		assertThat(conceptsOnly.release().concepts()).hasSize(10);
		assertThat(conceptsOnly.summary().relationRows()).isZero();
		assertThat(conceptsOnly.release().concepts())
				.allSatisfy(concept -> assertThat(property(concept, RxNormRrfReader.HAS_INGREDIENT_PROPERTY)).isEmpty());
	}

	@Test
	void needsAVersionWhenTheReleaseHasNoReadme(@TempDir Path folder) throws IOException {
		Files.copy(release.resolve("rrf").resolve(RxNormRrfReader.CONCEPTS_FILE), folder.resolve(RxNormRrfReader.CONCEPTS_FILE));

		assertThatThrownBy(() -> new RxNormRrfReader(ProgressListener.silent()).read(folder, null))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("pass the release's version");
	}

	@Test
	void refusesAFolderWithoutConcepts(@TempDir Path folder) {
		assertThatThrownBy(() -> new RxNormRrfReader(ProgressListener.silent()).read(folder, "x"))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("RXNCONSO.RRF");
	}

	@Test
	void countsMalformedRowsInsteadOfFailing(@TempDir Path folder) throws IOException {
		Files.writeString(folder.resolve(RxNormRrfReader.CONCEPTS_FILE), "161|ENG|only three fields|\n"
				+ "161|ENG||||||A1||161||RXNORM|IN|161|acetaminophen||N|4096|\n");

		RxNormRelease partial = new RxNormRrfReader(ProgressListener.silent()).read(folder, "x");

		assertThat(partial.summary().malformedRows()).isEqualTo(1);
		assertThat(partial.release().concepts()).extracting(LoadedConcept::display).containsExactly("acetaminophen");
	}

	@Test
	void reportsProgressPerFileWithAFinalCall() throws IOException {
		List<String> calls = new ArrayList<>();
		new RxNormRrfReader((file, rows, done) -> calls.add(file + " " + rows + " " + done)).read(release, null);

		assertThat(calls).containsExactly("RXNCONSO.RRF 16 true", "RXNREL.RRF 13 true");
	}

	@Test
	void streamsLargeFilesReportingEveryHundredThousandRows(@TempDir Path folder) throws IOException {
		StringBuilder rows = new StringBuilder();
		for (int i = 0; i < 250_000; i++) {
			// alternately an RxNorm atom and a row of another source, like a real release
			String source = i % 2 == 0 ? "RXNORM" : "MTHSPL";
			rows.append(i / 2 + 1).append("|ENG||||||A").append(i).append("||").append(i).append("||")
					.append(source).append("|SCD|").append(i).append("|drug ").append(i).append("||N|4096|\n");
		}
		Files.writeString(folder.resolve(RxNormRrfReader.CONCEPTS_FILE), rows);
		List<Long> reported = new ArrayList<>();

		RxNormRelease big = new RxNormRrfReader((file, count, done) -> reported.add(count)).read(folder, "x");

		assertThat(reported).containsExactly(100_000L, 200_000L, 250_000L);
		assertThat(big.release().concepts()).hasSize(125_000);
		assertThat(big.summary().atomsFromOtherSources()).isEqualTo(125_000);
	}

	@Test
	void splitsRrfLinesKeepingEmptyFields() {
		assertThat(RrfLine.fields("a||c|")).containsExactly("a", "", "c");
		assertThat(RrfLine.fields("|b|")).containsExactly("", "b");
		assertThat(RrfLine.fields("a|b")).containsExactly("a", "b");
	}

	@Test
	void prefersTermTypesInTheMetathesaurusOrder() {
		assertThat(RxNormTermTypes.rank("SCD")).isLessThan(RxNormTermTypes.rank("PSN"));
		assertThat(RxNormTermTypes.rank("IN")).isLessThan(RxNormTermTypes.rank("SY"));
		assertThat(RxNormTermTypes.rank("SY")).isLessThan(RxNormTermTypes.rank("ET"));
	}

	private static List<String> property(LoadedConcept concept, String code) {
		return concept.properties().stream().filter(p -> p.code().equals(code)).map(ConceptProperty::value).toList();
	}
}
