package io.fhirnotary.terminology.bundled;

/**
 * Codes of the concept properties in the bundled RxNorm subset.
 *
 * <p>{@link #INGREDIENT} and {@link #STRENGTH} repeat once per ingredient and pair up by position:
 * the n-th strength belongs to the n-th ingredient, both in the order the display lists them.
 */
public final class RxNormSubsetProperties {

	/** An active ingredient as the display names it, salt included ("Codeine Phosphate"). */
	public static final String INGREDIENT = "ingredient";

	/** The strength of the ingredient at the same position, as written ("15 MG", "5 MG/ML"). */
	public static final String STRENGTH = "strength";

	/** The DEA schedule code ({@code CII} .. {@code CV}) of a controlled product. */
	public static final String DEA_SCHEDULE = "dea-schedule";

	/** True for codes Synthea uses as stand-ins that are not RxNorm concepts. */
	public static final String SYNTHEA_PLACEHOLDER = "synthea-placeholder";

	private RxNormSubsetProperties() {}
}
