package io.fhirnotary.terminology.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.TerminologyUrls;
import io.fhirnotary.terminology.medication.DeaSchedule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BundledTerminologyTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private final BundledTerminology bundled = BundledTerminology.load(R4);

	@Test
	void theRxNormSubsetIsAVersionedFragmentUnderRxNormsUrl() {
		CodeSystem subset = bundled.rxNormSubset();

		assertThat(subset.getUrl()).isEqualTo(TerminologyUrls.RXNORM);
		assertThat(subset.getVersion()).isEqualTo("synthea-3.3.0");
		assertThat(subset.getContent()).isEqualTo(CodeSystemContentMode.FRAGMENT);
		assertThat(subset.getCount()).isEqualTo(subset.getConcept().size());
		// 478 codes in Synthea 3.3.0's modules, 12 only in htn_drugs.csv, and 25 only in the FHIR
		// R4 specification's examples (2 of the examples' 27 codes Synthea uses too)
		assertThat(subset.getConcept()).hasSize(515);
	}

	@Test
	void everySubsetCodeHasADisplayAndAppearsOnce() {
		List<ConceptDefinitionComponent> concepts = bundled.rxNormSubset().getConcept();

		assertThat(concepts).allSatisfy(concept -> assertThat(concept.getDisplay()).isNotBlank());
		assertThat(concepts).extracting(ConceptDefinitionComponent::getCode).doesNotHaveDuplicates();
	}

	@ParameterizedTest(name = "RxNorm {0} -> {1}")
	@CsvSource(nullValues = "-", value = {
		"1049683, CII",  // oxyCODONE Hydrochloride 10 MG Oral Tablet
		"856987,  CII",  // Acetaminophen 300 MG / Hydrocodone Bitartrate 5 MG Oral Tablet
		"245134,  CII",  // 72 HR Fentanyl 0.025 MG/HR Transdermal System
		"1732136, CII",  // 1 ML Morphine Sulfate 5 MG/ML Injection
		"1091392, CII",  // Methylphenidate Hydrochloride 20 MG Oral Tablet
		"993770,  CIII", // Acetaminophen 300 MG / Codeine Phosphate 15 MG Oral Tablet
		"351266,  CIII", // buprenorphine 2 MG / naloxone 0.5 MG Sublingual Tablet
		"204892,  CIV",  // clonazePAM 0.25 MG Oral Tablet
		"835603,  CIV",  // tramadol hydrochloride 50 MG Oral Tablet
		"483438,  CV",   // pregabalin 100 MG Oral Capsule
		"856907,  CII",  // Vicodin 5/500 Oral Tablet (a FHIR R4 example's code; classified by brand)
		"313782,  -",    // Acetaminophen 325 MG Oral Tablet
		"1191222, -",    // naloxone hydrochloride 0.4 MG/ML Injectable Solution
	})
	void knownCodesCarryTheirSchedule(String code, DeaSchedule expected) {
		assertThat(bundled.scheduleOf(code)).isEqualTo(java.util.Optional.ofNullable(expected));
	}

	@Test
	void ingredientAndStrengthPairUpByPosition() {
		ConceptDefinitionComponent percocet = concept("1049625");

		assertThat(values(percocet, RxNormSubsetProperties.INGREDIENT)).containsExactly("Acetaminophen", "Oxycodone Hydrochloride");
		assertThat(values(percocet, RxNormSubsetProperties.STRENGTH)).containsExactly("325 MG", "10 MG");
	}

	@Test
	void syntheaPlaceholderCodesAreFlaggedAndKeepSyntheasDisplaysAsDesignations() {
		ConceptDefinitionComponent placeholder = concept("999999");

		assertThat(values(placeholder, RxNormSubsetProperties.SYNTHEA_PLACEHOLDER)).containsExactly("true");
		assertThat(placeholder.getDesignation()).extracting(d -> d.getValue()).contains("Lenzilumab 200 MG IV");
		assertThat(values(placeholder, RxNormSubsetProperties.INGREDIENT)).isEmpty();
	}

	@Test
	void eachScheduleValueSetListsExactlyTheSubsetCodesOfThatSchedule() {
		for (DeaSchedule schedule : DeaSchedule.values()) {
			ValueSet valueSet = bundled.scheduleValueSet(schedule);
			Set<String> expected = bundled.rxNormSubset().getConcept().stream()
					.map(ConceptDefinitionComponent::getCode)
					.filter(code -> bundled.scheduleOf(code).orElse(null) == schedule)
					.collect(Collectors.toSet());

			assertThat(valueSet.getUrl()).isEqualTo(schedule.valueSetUrl());
			assertThat(enumeratedCodes(valueSet)).isNotEmpty().isEqualTo(expected);
		}
	}

	@Test
	void theControlledSubstancesValueSetIsTheUnionOfTheScheduleSets() {
		Set<String> union = new HashSet<>();
		for (DeaSchedule schedule : DeaSchedule.values()) {
			union.addAll(enumeratedCodes(bundled.scheduleValueSet(schedule)));
		}

		assertThat(bundled.controlledSubstances().getUrl()).isEqualTo(TerminologyUrls.CONTROLLED_SUBSTANCES_VALUE_SET);
		assertThat(enumeratedCodes(bundled.controlledSubstances())).isEqualTo(union).hasSize(36);
	}

	@Test
	void theDeaCodeSystemHasSchedulesTwoToFive() {
		CodeSystem schedules = bundled.deaSchedules();

		assertThat(schedules.getUrl()).isEqualTo(TerminologyUrls.DEA_SCHEDULE_CODE_SYSTEM);
		assertThat(schedules.getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
		assertThat(schedules.getConcept()).extracting(ConceptDefinitionComponent::getCode)
				.containsExactly("CII", "CIII", "CIV", "CV");
	}

	@Test
	void accessorsHandOutCopies() {
		bundled.rxNormSubset().getConcept().clear();

		assertThat(bundled.rxNormSubset().getConcept()).isNotEmpty();
	}

	private ConceptDefinitionComponent concept(String code) {
		return bundled.rxNormSubset().getConcept().stream()
				.filter(c -> c.getCode().equals(code))
				.findFirst()
				.orElseThrow();
	}

	private static List<String> values(ConceptDefinitionComponent concept, String property) {
		return concept.getProperty().stream()
				.filter(p -> p.getCode().equals(property))
				.map(p -> p.getValue().primitiveValue())
				.toList();
	}

	private static Set<String> enumeratedCodes(ValueSet valueSet) {
		return valueSet.getCompose().getInclude().stream()
				.peek(include -> assertThat(include.getSystem()).isEqualTo(TerminologyUrls.RXNORM))
				.flatMap(include -> include.getConcept().stream())
				.map(ConceptReferenceComponent::getCode)
				.collect(Collectors.toSet());
	}
}
