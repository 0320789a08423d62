package io.fhirnotary.terminology.medication;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A lower schedule that a narcotic ingredient takes when it is combined with a non-narcotic
 * active ingredient and stays within these amounts (the "limited quantities" paragraphs of
 * 21 CFR 1308.13 and 1308.15).
 *
 * @param schedule the schedule the product takes within the limit
 * @param maxMilligramsPerDosageUnit the most per tablet, capsule, ... (strength unit "MG"), or null
 * @param maxMilligramsPerMilliliter the most per millilitre (strength unit "MG/ML"), or null
 * @param regulation where the limit is written
 */
public record CombinationLimit(
		DeaSchedule schedule,
		BigDecimal maxMilligramsPerDosageUnit,
		BigDecimal maxMilligramsPerMilliliter,
		String regulation) {

	@JsonCreator
	public CombinationLimit(
			@JsonProperty("schedule") DeaSchedule schedule,
			@JsonProperty("maxMilligramsPerDosageUnit") BigDecimal maxMilligramsPerDosageUnit,
			@JsonProperty("maxMilligramsPerMilliliter") BigDecimal maxMilligramsPerMilliliter,
			@JsonProperty("regulation") String regulation) {
		this.schedule = Objects.requireNonNull(schedule, "schedule");
		this.maxMilligramsPerDosageUnit = maxMilligramsPerDosageUnit;
		this.maxMilligramsPerMilliliter = maxMilligramsPerMilliliter;
		this.regulation = Objects.requireNonNull(regulation, "regulation");
		if (maxMilligramsPerDosageUnit == null && maxMilligramsPerMilliliter == null) {
			throw new IllegalArgumentException("a combination limit needs at least one maximum");
		}
	}

	/**
	 * Whether {@code component}'s strength is within this limit. A strength in any other unit
	 * (per hour, per actuation, ...) is not comparable and so never within it.
	 */
	public boolean admits(DrugComponent component) {
		BigDecimal max = switch (component.unit()) {
			case "MG" -> maxMilligramsPerDosageUnit;
			case "MG/ML" -> maxMilligramsPerMilliliter;
			default -> null;
		};
		return max != null && component.amount().compareTo(max) <= 0;
	}
}
