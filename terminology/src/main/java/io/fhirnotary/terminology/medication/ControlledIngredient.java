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
 * @param brands brand names of products containing it, for names that give only the brand
 *     ("Vicodin 5/500 Oral Tablet")
 */
public record ControlledIngredient(
		String name,
		DeaSchedule schedule,
		String regulation,
		String note,
		List<CombinationLimit> combinationLimits,
		List<String> brands) {

	@JsonCreator
	public ControlledIngredient(
			@JsonProperty("name") String name,
			@JsonProperty("schedule") DeaSchedule schedule,
			@JsonProperty("regulation") String regulation,
			@JsonProperty("note") String note,
			@JsonProperty("combinationLimits") List<CombinationLimit> combinationLimits,
			@JsonProperty("brands") List<String> brands) {
		this.name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
		this.schedule = Objects.requireNonNull(schedule, "schedule");
		this.regulation = Objects.requireNonNull(regulation, "regulation");
		this.note = note;
		this.combinationLimits = combinationLimits == null ? List.of() : List.copyOf(combinationLimits);
		this.brands = brands == null ? List.of() : List.copyOf(brands);
	}

	/**
	 * Whether {@code text} names this ingredient, or one of its brands, as a whole word, so that
	 * "Oxycodone Hydrochloride" matches oxycodone while "dihydrocodeine" does not match codeine.
	 */
	public boolean isNamedIn(String text) {
		if (containsWord(text, name)) {
			return true;
		}
		for (String brand : brands) {
			if (containsWord(text, brand)) {
				return true;
			}
		}
		return false;
	}

	private static boolean containsWord(String text, String word) {
		return Pattern.compile("(?<![A-Za-z])" + Pattern.quote(word) + "(?![A-Za-z])", Pattern.CASE_INSENSITIVE)
				.matcher(text)
				.find();
	}
}
