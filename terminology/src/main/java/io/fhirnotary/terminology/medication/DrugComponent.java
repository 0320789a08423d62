package io.fhirnotary.terminology.medication;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One active ingredient of a clinical drug name and its strength, as written in the name.
 *
 * @param ingredient the ingredient as the name spells it, salt included ("Codeine Phosphate")
 * @param amount the numeric part of the strength
 * @param unit the unit part of the strength, RxNorm style ("MG", "MG/ML", "UNT/ML", "%")
 */
public record DrugComponent(String ingredient, BigDecimal amount, String unit) {

	public DrugComponent {
		Objects.requireNonNull(ingredient, "ingredient");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(unit, "unit");
	}

	/** The strength as the name writes it, e.g. "15 MG" or "0.05 MG/ML". */
	public String strength() {
		return amount.toPlainString() + " " + unit;
	}
}
