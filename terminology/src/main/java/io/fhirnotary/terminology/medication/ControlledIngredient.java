package io.fhirnotary.terminology.medication;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A controlled ingredient and its schedule, one entry of {@code controlled-ingredients.json}.
 *
 * @param name the ingredient's base name, lower case ("oxycodone")
 * @param schedule the schedule of products containing it, unless a combination limit applies
 * @param regulation where the schedule lists it
 * @param note why the entry reads as it does, if that is not obvious
 * @param combinationLimits lower schedules for limited quantities in combination products
 */
public record ControlledIngredient(
		String name, DeaSchedule schedule, String regulation, String note, List<CombinationLimit> combinationLimits) {

	@JsonCreator
	public ControlledIngredient(
			@JsonProperty("name") String name,
			@JsonProperty("schedule") DeaSchedule schedule,
			@JsonProperty("regulation") String regulation,
			@JsonProperty("note") String note,
			@JsonProperty("combinationLimits") List<CombinationLimit> combinationLimits) {
		this.name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
		this.schedule = Objects.requireNonNull(schedule, "schedule");
		this.regulation = Objects.requireNonNull(regulation, "regulation");
		this.note = note;
		this.combinationLimits = combinationLimits == null ? List.of() : List.copyOf(combinationLimits);
	}

	/**
	 * Whether {@code text} names this ingredient as a whole word, so that "Oxycodone Hydrochloride"
	 * matches oxycodone while "dihydrocodeine" does not match codeine.
	 */
	public boolean isNamedIn(String text) {
		return wordPattern().matcher(text).find();
	}

	private Pattern wordPattern() {
		return Pattern.compile("(?<![A-Za-z])" + Pattern.quote(name) + "(?![A-Za-z])", Pattern.CASE_INSENSITIVE);
	}
}
