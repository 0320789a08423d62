package io.fhirnotary.terminology.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known classifications (21 CFR 1308.12-1308.15) of drug names written the RxNorm way. The names
 * are examples in RxNorm's style; the expected schedules are the federal ones.
 */
class ControlledSubstanceClassifierTests {

	private final ControlledSubstanceClassifier classifier = ControlledSubstanceClassifier.bundled();

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = {
		"oxyCODONE Hydrochloride 10 MG Oral Tablet | CII",
		"Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet | CII",
		"72 HR Fentanyl 0.025 MG/HR Transdermal System | CII",
		"1 ML Morphine Sulfate 5 MG/ML Injection | CII",
		"Methylphenidate Hydrochloride 20 MG Oral Tablet | CII",
		"amphetamine aspartate 2.5 MG / amphetamine sulfate 2.5 MG / dextroamphetamine saccharate 2.5 MG / dextroamphetamine sulfate 2.5 MG Oral Tablet | CII",
		"5 ML SUFentanil 0.05 MG/ML Injection | CII",
		"codeine sulfate 30 MG Oral Tablet | CII",
		"buprenorphine 2 MG / naloxone 0.5 MG Sublingual Tablet | CIII",
		"testosterone cypionate 200 MG/ML Injectable Solution | CIII",
		"Acetaminophen 300 MG / Codeine Phosphate 30 MG Oral Tablet | CIII",
		"alprazolam 0.5 MG Oral Tablet | CIV",
		"Diazepam 5 MG Oral Tablet | CIV",
		"Lorazepam 2 MG/ML Injectable Solution | CIV",
		"clonazePAM 0.25 MG Oral Tablet | CIV",
		"tramadol hydrochloride 50 MG Oral Tablet | CIV",
		"zolpidem tartrate 10 MG Oral Tablet | CIV",
		"pregabalin 100 MG Oral Capsule | CV",
		"codeine phosphate 2 MG/ML / guaifenesin 20 MG/ML Oral Solution | CV",
	})
	void classifiesByIngredient(String drugName, DeaSchedule expected) {
		assertThat(classifier.classify(drugName)).hasValueSatisfying(assignment ->
				assertThat(assignment.schedule()).isEqualTo(expected));
	}

	@Test
	void codeineAboveTheSchedule3LimitPerDosageUnitStaysInSchedule2() {
		assertThat(classifier.classify("Acetaminophen 300 MG / Codeine Phosphate 120 MG Oral Tablet"))
				.hasValueSatisfying(assignment -> assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CII));
	}

	@Test
	void codeineLiquidBetweenTheSchedule5AndSchedule3LimitsIsSchedule3() {
		assertThat(classifier.classify("codeine phosphate 2.4 MG/ML / guaifenesin 20 MG/ML Oral Solution"))
				.hasValueSatisfying(assignment -> {
					assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CIII);
					assertThat(assignment.regulation()).isEqualTo("21 CFR 1308.13(e)(1)");
				});
	}

	@Test
	void anIngredientOnlyNameTakesTheIngredientsOwnSchedule() {
		assertThat(classifier.classify("Acetaminophen/Hydrocodone"))
				.hasValueSatisfying(assignment -> assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CII));
		// no strength stated: the combination limits cannot be checked, so codeine keeps Schedule II
		assertThat(classifier.classify("Acetaminophen / Codeine"))
				.hasValueSatisfying(assignment -> assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CII));
	}

	@Test
	void aNameGivingOnlyTheBrandIsClassifiedByTheBrandsIngredient() {
		// hydrocodone/acetaminophen, as the FHIR R4 examples write it
		assertThat(classifier.classify("Vicodin 5/500 Oral Tablet")).hasValueSatisfying(assignment -> {
			assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CII);
			assertThat(assignment.ingredient()).isEqualTo("hydrocodone");
		});
		assertThat(classifier.classify("Xanax 0.5 MG Oral Tablet"))
				.hasValueSatisfying(assignment -> assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CIV));
	}

	@Test
	void theStrictestIngredientDecides() {
		// a made-up combination: Schedule IV and Schedule II ingredients together
		assertThat(classifier.classify("Diazepam 5 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet"))
				.hasValueSatisfying(assignment -> {
					assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CII);
					assertThat(assignment.ingredient()).isEqualTo("oxycodone");
				});
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"Acetaminophen 325 MG Oral Tablet",
		"naloxone hydrochloride 0.4 MG/ML Injectable Solution",
		"Naltrexone hydrochloride 50 MG Oral Tablet",
		"atomoxetine 100 MG Oral Capsule",
		"100 ML Propofol 10 MG/ML Injection",
		"Acetaminophen 21.7 MG/ML / Dextromethorphan Hydrobromide 1 MG/ML / doxylamine succinate 0.417 MG/ML Oral Solution",
	})
	void leavesUncontrolledDrugsUnclassified(String drugName) {
		assertThat(classifier.classify(drugName)).isEmpty();
	}

	@Test
	void matchesIngredientsAsWholeWordsOnly() {
		ControlledIngredient codeine = new ControlledIngredient("codeine", DeaSchedule.CII, "21 CFR 1308.12", null, null, null);

		assertThat(codeine.isNamedIn("Codeine Phosphate")).isTrue();
		assertThat(codeine.isNamedIn("dihydrocodeine bitartrate")).isFalse();
		assertThat(codeine.isNamedIn("codeineX")).isFalse();
	}

	@Test
	void everyBundledEntryNamesItsRegulation() {
		ControlledIngredients bundled = ControlledIngredients.bundled();

		assertThat(bundled.sources()).isNotEmpty();
		assertThat(bundled.ingredients()).isNotEmpty().allSatisfy(ingredient -> {
			assertThat(ingredient.regulation()).startsWith("21 CFR 1308.1");
			assertThat(ingredient.regulation()).contains(ingredient.schedule().regulation());
		});
		assertThat(bundled.ingredients()).extracting(ControlledIngredient::name).doesNotHaveDuplicates();
	}

	@Test
	void readsAnotherListFromJson() throws IOException {
		String json = """
				{ "sources": ["test"], "ingredients": [ { "name": "Examplol", "schedule": "CIV", "regulation": "21 CFR 1308.14" } ] }
				""";
		ControlledSubstanceClassifier custom = new ControlledSubstanceClassifier(
				ControlledIngredients.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));

		assertThat(custom.classify("examplol 5 MG Oral Tablet"))
				.hasValueSatisfying(assignment -> assertThat(assignment.schedule()).isEqualTo(DeaSchedule.CIV));
		assertThat(custom.classify("oxyCODONE Hydrochloride 10 MG Oral Tablet")).isEmpty();
	}
}
