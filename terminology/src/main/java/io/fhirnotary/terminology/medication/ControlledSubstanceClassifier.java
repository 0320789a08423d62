package io.fhirnotary.terminology.medication;

import java.util.List;
import java.util.Optional;

/**
 * Decides the DEA schedule of a drug from its name, by ingredient.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Each ingredient of the name (read with {@link ClinicalDrugName}) is compared with the
 *       controlled list by whole word. A name that does not parse is compared as a whole, so an
 *       ingredient-only name such as "Acetaminophen/Hydrocodone" is still caught.</li>
 *   <li>A controlled ingredient with combination limits takes the least strict limit it meets,
 *       but only when the name parsed, lists at least one other ingredient that is not itself
 *       controlled, and states the controlled ingredient's strength in a comparable unit.
 *       Otherwise it keeps its own (strictest) schedule.</li>
 *   <li>The product takes the strictest schedule among its controlled ingredients.</li>
 * </ol>
 * The rules err towards the stricter schedule whenever the name leaves a doubt, because a
 * schedule decides how a prescription may be written and refilled.
 */
public final class ControlledSubstanceClassifier {

	private final List<ControlledIngredient> controlled;

	public ControlledSubstanceClassifier(ControlledIngredients controlled) {
		this.controlled = controlled.ingredients();
	}

	/** A classifier over the bundled list of controlled ingredients. */
	public static ControlledSubstanceClassifier bundled() {
		return new ControlledSubstanceClassifier(ControlledIngredients.bundled());
	}

	/** The schedule of the drug named {@code drugName}, or empty if no ingredient is controlled. */
	public Optional<ScheduleAssignment> classify(String drugName) {
		Optional<ClinicalDrugName> parsed = ClinicalDrugName.parse(drugName);
		ScheduleAssignment strictest = null;
		for (ControlledIngredient ingredient : controlled) {
			ScheduleAssignment assignment = parsed.isPresent()
					? assignFromComponents(ingredient, parsed.get().components())
					: assignFromWholeName(ingredient, drugName);
			if (assignment != null && (strictest == null || assignment.schedule().isStricterThan(strictest.schedule()))) {
				strictest = assignment;
			}
		}
		return Optional.ofNullable(strictest);
	}

	private static ScheduleAssignment assignFromWholeName(ControlledIngredient ingredient, String drugName) {
		if (drugName == null || !ingredient.isNamedIn(drugName)) {
			return null;
		}
		return new ScheduleAssignment(ingredient.schedule(), ingredient.name(), ingredient.regulation(),
				"names " + ingredient.name() + "; strength not stated, so its own schedule applies");
	}

	private ScheduleAssignment assignFromComponents(ControlledIngredient ingredient, List<DrugComponent> components) {
		DrugComponent match = null;
		for (DrugComponent component : components) {
			if (ingredient.isNamedIn(component.ingredient())) {
				match = component;
				break;
			}
		}
		if (match == null) {
			return null;
		}
		if (!ingredient.combinationLimits().isEmpty() && hasUncontrolledPartner(components, match)) {
			CombinationLimit loosest = null;
			for (CombinationLimit limit : ingredient.combinationLimits()) {
				if (limit.admits(match) && (loosest == null || loosest.schedule().isStricterThan(limit.schedule()))) {
					loosest = limit;
				}
			}
			if (loosest != null) {
				return new ScheduleAssignment(loosest.schedule(), ingredient.name(), loosest.regulation(),
						match.ingredient() + " " + match.strength() + " combined with a non-controlled ingredient,"
								+ " within the limit for " + loosest.schedule().display());
			}
		}
		return new ScheduleAssignment(ingredient.schedule(), ingredient.name(), ingredient.regulation(),
				"contains " + match.ingredient() + " " + match.strength());
	}

	private boolean hasUncontrolledPartner(List<DrugComponent> components, DrugComponent self) {
		for (DrugComponent other : components) {
			if (other != self && controlled.stream().noneMatch(c -> c.isNamedIn(other.ingredient()))) {
				return true;
			}
		}
		return false;
	}
}
