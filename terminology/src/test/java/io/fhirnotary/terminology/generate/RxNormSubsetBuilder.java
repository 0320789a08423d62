package io.fhirnotary.terminology.generate;

import io.fhirnotary.terminology.TerminologyUrls;
import io.fhirnotary.terminology.bundled.RxNormSubsetProperties;
import io.fhirnotary.terminology.medication.ClinicalDrugName;
import io.fhirnotary.terminology.medication.ControlledSubstanceClassifier;
import io.fhirnotary.terminology.medication.DeaSchedule;
import io.fhirnotary.terminology.medication.DrugComponent;
import io.fhirnotary.terminology.medication.ScheduleAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.StringType;

/**
 * Turns Synthea's RxNorm usages into the bundled RxNorm subset code system.
 *
 * <p>Display: the one Synthea writes most often for the code (ties: the alphabetically first);
 * every other display Synthea writes for it becomes a designation, so validating Synthea's own
 * output does not trip over its inconsistent capitalisation. Ingredient and strength properties
 * come from the chosen display through {@link ClinicalDrugName} and are left out where the display
 * does not parse. The DEA schedule is the strictest one {@link ControlledSubstanceClassifier}
 * finds across all of the code's displays.
 */
final class RxNormSubsetBuilder {

	static final String ID = "rxnorm-synthea-subset";
	static final String VERSION = "synthea-3.3.0";

	/**
	 * Codes Synthea uses as stand-ins for products RxNorm had no code for when the module was
	 * written (the COVID-19 module gives 999999 to four unrelated investigational drugs). They
	 * are kept so that Synthea's output validates, flagged, and get a display that says what
	 * they are instead of one product's name.
	 */
	static final Set<String> PLACEHOLDER_CODES = Set.of("999998", "999999");

	static final String PLACEHOLDER_DISPLAY = "Synthea placeholder code (not an RxNorm concept)";

	/**
	 * Displays that start with a brand where an RxNorm name starts with the ingredient
	 * ("Mirena 52 MG Intrauterine System"); they parse but would name the brand as ingredient.
	 * Found by reading every parsed display of the subset.
	 */
	static final Set<String> BRAND_LED_DISPLAY_CODES = Set.of(
			"807283", // Mirena 52 MG Intrauterine System
			"1243052", // Kalydeco 150 MG Oral Tablet
			"1605257", // Liletta 52 MG Intrauterine System
			"1789958", // Dysport botulinum toxin A 300 UNT Injection
			"1856546", // Kyleena 19.5 MG Intrauterine System
			"1946840"); // Verzenio 100 MG Oral Tablet

	private final ControlledSubstanceClassifier classifier;

	RxNormSubsetBuilder(ControlledSubstanceClassifier classifier) {
		this.classifier = classifier;
	}

	CodeSystem build(SortedMap<String, SyntheaRxNormUsage.Usage> usages) {
		CodeSystem subset = new CodeSystem();
		subset.setId(ID);
		subset.setUrl(TerminologyUrls.RXNORM);
		subset.setVersion(VERSION);
		subset.setName("RxNormSyntheaSubset");
		subset.setTitle("RxNorm codes used by Synthea 3.3.0");
		subset.setStatus(PublicationStatus.ACTIVE);
		subset.setExperimental(false);
		subset.setPublisher("fhir-notary");
		subset.setDescription("Every RxNorm code that Synthea 3.3.0's modules (and its htn_drugs.csv) can write,"
				+ " with the display Synthea writes most often. Ingredient and strength are read from the display"
				+ " where it follows RxNorm's naming pattern; dea-schedule is derived by ingredient from 21 CFR"
				+ " 1308.12-1308.15. Regenerated from the Synthea jar; see docs/TERMINOLOGY.md.");
		subset.setCopyright("RxNorm is produced by the U.S. National Library of Medicine. The codes and names here are"
				+ " those written in Synthea's module files (Apache License 2.0), not copied from an RxNorm release.");
		subset.setCaseSensitive(true);
		subset.setContent(CodeSystemContentMode.FRAGMENT);
		declareProperties(subset);

		List<SyntheaRxNormUsage.Usage> ordered = new ArrayList<>(usages.values());
		ordered.sort(Comparator.comparing(SyntheaRxNormUsage.Usage::code, RxNormSubsetBuilder::compareCodes));
		for (SyntheaRxNormUsage.Usage usage : ordered) {
			subset.addConcept(concept(usage));
		}
		subset.setCount(subset.getConcept().size());
		return subset;
	}

	private ConceptDefinitionComponent concept(SyntheaRxNormUsage.Usage usage) {
		ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(usage.code());
		List<String> displays = displaysByPreference(usage.displayCounts());
		if (displays.isEmpty()) {
			throw new IllegalStateException("Synthea writes RxNorm " + usage.code() + " without a display");
		}
		boolean placeholder = PLACEHOLDER_CODES.contains(usage.code());
		String display = placeholder ? PLACEHOLDER_DISPLAY : displays.get(0);
		concept.setDisplay(display);
		for (String other : displays) {
			if (!other.equals(display)) {
				concept.addDesignation().setValue(other);
			}
		}
		if (placeholder) {
			concept.addProperty().setCode(RxNormSubsetProperties.SYNTHEA_PLACEHOLDER).setValue(new BooleanType(true));
			return concept;
		}
		if (!BRAND_LED_DISPLAY_CODES.contains(usage.code())) {
			ClinicalDrugName.parse(display).ifPresent(name -> {
				for (DrugComponent component : name.components()) {
					concept.addProperty().setCode(RxNormSubsetProperties.INGREDIENT).setValue(new StringType(component.ingredient()));
				}
				for (DrugComponent component : name.components()) {
					concept.addProperty().setCode(RxNormSubsetProperties.STRENGTH).setValue(new StringType(component.strength()));
				}
			});
		}
		strictestSchedule(displays).ifPresent(schedule ->
				concept.addProperty().setCode(RxNormSubsetProperties.DEA_SCHEDULE).setValue(new CodeType(schedule.code())));
		return concept;
	}

	private Optional<DeaSchedule> strictestSchedule(List<String> displays) {
		DeaSchedule strictest = null;
		for (String display : displays) {
			strictest = DeaSchedule.stricter(strictest, classifier.classify(display).map(ScheduleAssignment::schedule).orElse(null));
		}
		return Optional.ofNullable(strictest);
	}

	/** Most frequent first; equal counts in alphabetical order, so the output is stable. */
	static List<String> displaysByPreference(Map<String, Integer> counts) {
		List<String> displays = new ArrayList<>(counts.keySet());
		displays.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
		return displays;
	}

	/** Numeric order for RxCUIs (all digits); anything else after them, alphabetically. */
	static int compareCodes(String a, String b) {
		boolean aNumeric = a.chars().allMatch(Character::isDigit);
		boolean bNumeric = b.chars().allMatch(Character::isDigit);
		if (aNumeric && bNumeric) {
			return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
		}
		if (aNumeric != bNumeric) {
			return aNumeric ? -1 : 1;
		}
		return a.compareTo(b);
	}

	private static void declareProperties(CodeSystem subset) {
		subset.addProperty()
				.setCode(RxNormSubsetProperties.INGREDIENT)
				.setType(PropertyType.STRING)
				.setDescription("An active ingredient as the display names it, salt included; repeated once per"
						+ " ingredient in the display's order. Pairs by position with strength.");
		subset.addProperty()
				.setCode(RxNormSubsetProperties.STRENGTH)
				.setType(PropertyType.STRING)
				.setDescription("The strength of the ingredient at the same position, as the display writes it.");
		subset.addProperty()
				.setCode(RxNormSubsetProperties.DEA_SCHEDULE)
				.setUri(TerminologyUrls.DEA_SCHEDULE_CODE_SYSTEM)
				.setType(PropertyType.CODE)
				.setDescription("The US DEA schedule (code in " + TerminologyUrls.DEA_SCHEDULE_CODE_SYSTEM
						+ ") for controlled products, derived by ingredient.");
		subset.addProperty()
				.setCode(RxNormSubsetProperties.SYNTHEA_PLACEHOLDER)
				.setType(PropertyType.BOOLEAN)
				.setDescription("True for codes Synthea uses as stand-ins that are not RxNorm concepts.");
	}
}
