package io.fhirnotary.terminology.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClinicalDrugNameTests {

	@Test
	void readsEachIngredientWithItsStrengthInOrder() {
		ClinicalDrugName name = ClinicalDrugName.parse("Acetaminophen 300 MG / Codeine Phosphate 15 MG Oral Tablet").orElseThrow();

		assertThat(name.components())
				.extracting(DrugComponent::ingredient, DrugComponent::amount, DrugComponent::unit)
				.containsExactly(
						tuple("Acetaminophen", new BigDecimal("300"), "MG"),
						tuple("Codeine Phosphate", new BigDecimal("15"), "MG"));
		assertThat(name.doseForm()).contains("Oral Tablet");
		assertThat(name.brand()).isEmpty();
	}

	@Test
	void skipsQuantityAndReleaseQualifiersAndKeepsTheBrandApart() {
		ClinicalDrugName name = ClinicalDrugName.parse(
				"Abuse-Deterrent 12 HR Oxycodone Hydrochloride 10 MG Extended Release Oral Tablet [Oxycontin]").orElseThrow();

		assertThat(name.components()).singleElement().satisfies(component -> {
			assertThat(component.ingredient()).isEqualTo("Oxycodone Hydrochloride");
			assertThat(component.strength()).isEqualTo("10 MG");
		});
		assertThat(name.doseForm()).contains("Extended Release Oral Tablet");
		assertThat(name.brand()).contains("Oxycontin");
	}

	@Test
	void keepsCompoundUnitsAndCommasInIngredientNames() {
		ClinicalDrugName name = ClinicalDrugName.parse(
				"insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]").orElseThrow();

		assertThat(name.components()).extracting(DrugComponent::ingredient, DrugComponent::strength).containsExactly(
				tuple("insulin isophane, human", "70 UNT/ML"),
				tuple("insulin, regular, human", "30 UNT/ML"));
	}

	@Test
	void readsPerHourAndPerActuationStrengthsAfterAQuantity() {
		assertThat(ClinicalDrugName.parse("72 HR Fentanyl 0.025 MG/HR Transdermal System").orElseThrow().components())
				.extracting(DrugComponent::strength).containsExactly("0.025 MG/HR");
		assertThat(ClinicalDrugName.parse("NDA020503 200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler [Proventil]")
				.orElseThrow().components())
				.extracting(DrugComponent::ingredient).containsExactly("albuterol");
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"Aspirin",                                      // ingredient only, no strength
		"Acetaminophen/Hydrocodone",                    // ingredient combination, no strength
		"Azithromycin 250mg",                           // free text unit
		"Camila 28 Day Pack",                           // pack
		"{7 (inert ingredients 1 MG Oral Tablet) } Pack", // pack in braces
		"nicotine 7 MG/Day 24HR Transdermal System",    // unit outside RxNorm's style
		"bivalirudin 50 ML; 5 MG/ML Injection",         // punctuation RxNorm names never have
		"",
	})
	void yieldsNothingForNamesOutsideThePattern(String text) {
		assertThat(ClinicalDrugName.parse(text)).isEmpty();
	}
}
