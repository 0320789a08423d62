package io.fhirnotary.terminology.generate;

import io.fhirnotary.terminology.TerminologyUrls;
import io.fhirnotary.terminology.bundled.RxNormSubsetProperties;
import io.fhirnotary.terminology.medication.DeaSchedule;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;

/**
 * Builds the DEA schedule code system and, from the RxNorm subset's {@code dea-schedule}
 * properties, one value set per schedule plus one of every controlled code.
 *
 * <p>The value sets enumerate codes rather than filter on the property: an enumeration expands
 * the same way in HAPI's in-memory support and in its JPA terminology service, and it keeps
 * meaning the same codes when a full RxNorm release (which has no such property) is loaded under
 * the same system URL.
 */
final class DeaContentBuilder {

	static final String DEA_CODE_SYSTEM_ID = "dea-schedule";
	static final String CONTROLLED_SUBSTANCES_ID = "controlled-substances";

	CodeSystem deaScheduleCodeSystem() {
		CodeSystem schedules = new CodeSystem();
		schedules.setId(DEA_CODE_SYSTEM_ID);
		schedules.setUrl(TerminologyUrls.DEA_SCHEDULE_CODE_SYSTEM);
		schedules.setVersion("1");
		schedules.setName("DeaSchedule");
		schedules.setTitle("US DEA controlled substance schedules II to V");
		schedules.setStatus(PublicationStatus.ACTIVE);
		schedules.setExperimental(false);
		schedules.setPublisher("fhir-notary");
		schedules.setDescription("The schedules of the US Controlled Substances Act (21 U.S.C. 812) under which a"
				+ " prescription can be written, as listed in 21 CFR 1308.12-1308.15. Schedule I is absent: its"
				+ " substances have no accepted medical use and are never prescribed.");
		schedules.setCaseSensitive(true);
		schedules.setContent(CodeSystemContentMode.COMPLETE);
		for (DeaSchedule schedule : DeaSchedule.values()) {
			schedules.addConcept()
					.setCode(schedule.code())
					.setDisplay(schedule.display())
					.setDefinition("Substances listed in " + schedule.regulation() + ".");
		}
		schedules.setCount(schedules.getConcept().size());
		return schedules;
	}

	ValueSet scheduleValueSet(CodeSystem rxNormSubset, DeaSchedule schedule) {
		ValueSet valueSet = valueSet(
				schedule.valueSetName(),
				schedule.valueSetUrl(),
				"DeaSchedule" + schedule.code().substring(1) + "Substances",
				"RxNorm codes (Synthea subset) in DEA " + schedule.display(),
				"The codes of the bundled RxNorm subset whose dea-schedule property is " + schedule.code()
						+ " (" + schedule.regulation() + ").");
		ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(TerminologyUrls.RXNORM);
		for (ConceptDefinitionComponent concept : rxNormSubset.getConcept()) {
			if (schedule.code().equals(scheduleCodeOf(concept))) {
				include.addConcept().setCode(concept.getCode()).setDisplay(concept.getDisplay());
			}
		}
		return valueSet;
	}

	ValueSet controlledSubstancesValueSet(CodeSystem rxNormSubset) {
		ValueSet valueSet = valueSet(
				CONTROLLED_SUBSTANCES_ID,
				TerminologyUrls.CONTROLLED_SUBSTANCES_VALUE_SET,
				"ControlledSubstances",
				"RxNorm codes (Synthea subset) under any DEA schedule",
				"The codes of the bundled RxNorm subset that have a dea-schedule property (schedules II to V).");
		ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(TerminologyUrls.RXNORM);
		for (ConceptDefinitionComponent concept : rxNormSubset.getConcept()) {
			if (scheduleCodeOf(concept) != null) {
				include.addConcept().setCode(concept.getCode()).setDisplay(concept.getDisplay());
			}
		}
		return valueSet;
	}

	private static ValueSet valueSet(String id, String url, String name, String title, String description) {
		ValueSet valueSet = new ValueSet();
		valueSet.setId(id);
		valueSet.setUrl(url);
		valueSet.setVersion(RxNormSubsetBuilder.VERSION);
		valueSet.setName(name);
		valueSet.setTitle(title);
		valueSet.setStatus(PublicationStatus.ACTIVE);
		valueSet.setExperimental(false);
		valueSet.setPublisher("fhir-notary");
		valueSet.setDescription(description);
		return valueSet;
	}

	private static String scheduleCodeOf(ConceptDefinitionComponent concept) {
		for (ConceptPropertyComponent property : concept.getProperty()) {
			if (RxNormSubsetProperties.DEA_SCHEDULE.equals(property.getCode())) {
				return property.getValueCodeType().getCode();
			}
		}
		return null;
	}
}
