package io.fhirnotary.terminology.bundled;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import io.fhirnotary.terminology.medication.DeaSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The code systems and value sets this module ships, as R4 resources.
 *
 * <ul>
 *   <li>{@link #rxNormSubset()}: RxNorm codes Synthea 3.3.0 can emit, with displays, ingredient,
 *       strength and DEA schedule properties ({@code content = fragment});</li>
 *   <li>{@link #deaSchedules()}: our code system for schedules II to V;</li>
 *   <li>{@link #scheduleValueSet(DeaSchedule)} and {@link #controlledSubstances()}: the subset's
 *       codes per schedule and all of them together.</li>
 * </ul>
 * The files are generated from the Synthea jar (see docs/TERMINOLOGY.md); this class only reads
 * them. Every accessor returns a fresh copy, so callers may modify what they get.
 */
public final class BundledTerminology {

	static final String RESOURCE_FOLDER = "/io/fhirnotary/terminology/bundled/";
	static final String RXNORM_SUBSET_FILE = "CodeSystem-rxnorm-synthea-subset.json";
	static final String DEA_SCHEDULE_FILE = "CodeSystem-dea-schedule.json";
	static final String CONTROLLED_SUBSTANCES_FILE = "ValueSet-controlled-substances.json";

	private final CodeSystem rxNormSubset;
	private final CodeSystem deaSchedules;
	private final Map<DeaSchedule, ValueSet> scheduleValueSets;
	private final ValueSet controlledSubstances;
	private final Map<String, DeaSchedule> scheduleByCode;

	private BundledTerminology(
			CodeSystem rxNormSubset,
			CodeSystem deaSchedules,
			Map<DeaSchedule, ValueSet> scheduleValueSets,
			ValueSet controlledSubstances) {
		this.rxNormSubset = rxNormSubset;
		this.deaSchedules = deaSchedules;
		this.scheduleValueSets = Collections.unmodifiableMap(scheduleValueSets);
		this.controlledSubstances = controlledSubstances;
		this.scheduleByCode = indexSchedules(rxNormSubset);
	}

	/**
	 * Reads the bundled resources from the classpath.
	 *
	 * @param fhirContext an R4 context; creating one is costly, so pass the application's own
	 */
	public static BundledTerminology load(FhirContext fhirContext) {
		if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
			throw new IllegalArgumentException("the bundled terminology is FHIR R4; got a "
					+ fhirContext.getVersion().getVersion() + " context");
		}
		Map<DeaSchedule, ValueSet> perSchedule = new EnumMap<>(DeaSchedule.class);
		for (DeaSchedule schedule : DeaSchedule.values()) {
			perSchedule.put(schedule, read(fhirContext, ValueSet.class, valueSetFile(schedule)));
		}
		return new BundledTerminology(
				read(fhirContext, CodeSystem.class, RXNORM_SUBSET_FILE),
				read(fhirContext, CodeSystem.class, DEA_SCHEDULE_FILE),
				perSchedule,
				read(fhirContext, ValueSet.class, CONTROLLED_SUBSTANCES_FILE));
	}

	/** The RxNorm codes Synthea 3.3.0 can emit ({@code content = fragment}). */
	public CodeSystem rxNormSubset() {
		return rxNormSubset.copy();
	}

	/** Our code system for DEA schedules II to V. */
	public CodeSystem deaSchedules() {
		return deaSchedules.copy();
	}

	/** The subset's codes in {@code schedule}. */
	public ValueSet scheduleValueSet(DeaSchedule schedule) {
		return scheduleValueSets.get(schedule).copy();
	}

	/** The subset's codes in any schedule. */
	public ValueSet controlledSubstances() {
		return controlledSubstances.copy();
	}

	/** Both code systems: the RxNorm subset first, then the DEA schedules. */
	public List<CodeSystem> codeSystems() {
		return List.of(rxNormSubset(), deaSchedules());
	}

	/** The per-schedule value sets in schedule order, then the one of all controlled substances. */
	public List<ValueSet> valueSets() {
		List<ValueSet> all = new ArrayList<>();
		for (DeaSchedule schedule : DeaSchedule.values()) {
			all.add(scheduleValueSet(schedule));
		}
		all.add(controlledSubstances());
		return all;
	}

	/** The DEA schedule of an RxNorm code of the subset, if it is controlled. */
	public Optional<DeaSchedule> scheduleOf(String rxNormCode) {
		return Optional.ofNullable(scheduleByCode.get(rxNormCode));
	}

	/** The file name of {@code schedule}'s value set, e.g. {@code ValueSet-dea-schedule-ii.json}. */
	static String valueSetFile(DeaSchedule schedule) {
		return "ValueSet-" + schedule.valueSetName() + ".json";
	}

	private static Map<String, DeaSchedule> indexSchedules(CodeSystem subset) {
		Map<String, DeaSchedule> index = new LinkedHashMap<>();
		for (ConceptDefinitionComponent concept : subset.getConcept()) {
			for (ConceptPropertyComponent property : concept.getProperty()) {
				if (RxNormSubsetProperties.DEA_SCHEDULE.equals(property.getCode()) && property.hasValueCodeType()) {
					DeaSchedule.fromCode(property.getValueCodeType().getCode())
							.ifPresent(schedule -> index.put(concept.getCode(), schedule));
				}
			}
		}
		return Collections.unmodifiableMap(index);
	}

	private static <T extends org.hl7.fhir.r4.model.Resource> T read(FhirContext context, Class<T> type, String file) {
		try (InputStream in = BundledTerminology.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
			if (in == null) {
				throw new IllegalStateException(file + " is missing from the classpath");
			}
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return context.newJsonParser().parseResource(type, json);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
