package io.fhirnotary.terminology.medication;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ingredients and strengths out of a drug name written the way RxNorm normalises clinical
 * and branded drug names: {@code [qualifiers] ingredient strength unit [/ ingredient strength unit]...
 * dose form [brand]}, e.g. "Acetaminophen 300 MG / Codeine Phosphate 15 MG Oral Tablet" or
 * "72 HR Fentanyl 0.025 MG/HR Transdermal System".
 *
 * <p>The parser is deliberately strict: a name that does not fit the pattern in full (packs in
 * braces, ingredient-only names such as "Aspirin", free text such as "Azithromycin 250mg") yields
 * nothing rather than a guess, because callers store the result as facts about a code. It cannot
 * tell a brand written in an ingredient's place ("Mirena 52 MG Intrauterine System") from an
 * ingredient; callers that know such names exclude them.
 */
public final class ClinicalDrugName {

	/** Leading qualifiers RxNorm puts before the first ingredient: quantity, release, device. */
	private static final Pattern QUALIFIER = Pattern.compile(
			"^(?:Abuse-Deterrent|Breath-Actuated|NDA\\d+|\\d+(?:\\.\\d+)? (?:HR|ML|ACTUAT|DAY))\\s+");

	/** A bracketed brand at the end, e.g. " [Percocet]". */
	private static final Pattern BRAND = Pattern.compile("\\s*\\[([^\\[\\]]+)]$");

	private static final String NAME = "(?<name>[A-Za-z][A-Za-z0-9 ,()\\-]*?)";
	private static final String STRENGTH = "(?<amount>\\d+(?:\\.\\d+)?) (?<unit>%|[A-Z]+(?:/[A-Z]+)?)";

	private static final Pattern COMPONENT = Pattern.compile("^" + NAME + " " + STRENGTH + "$");

	private static final Pattern LAST_COMPONENT =
			Pattern.compile("^" + NAME + " " + STRENGTH + "(?: (?<form>[A-Z][A-Za-z0-9 ,()\\-]*))?$");

	private final List<DrugComponent> components;
	private final String doseForm;
	private final String brand;

	private ClinicalDrugName(List<DrugComponent> components, String doseForm, String brand) {
		this.components = List.copyOf(components);
		this.doseForm = doseForm;
		this.brand = brand;
	}

	/** The ingredients with strengths, in the order the name lists them. */
	public List<DrugComponent> components() {
		return components;
	}

	/** The dose form ("Oral Tablet"), if the name has one. */
	public Optional<String> doseForm() {
		return Optional.ofNullable(doseForm);
	}

	/** The bracketed brand ("Percocet"), if the name has one. */
	public Optional<String> brand() {
		return Optional.ofNullable(brand);
	}

	/** The components of {@code name}, or empty when the name does not follow the pattern in full. */
	public static Optional<ClinicalDrugName> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String rest = name.strip();
		if (rest.isEmpty() || rest.startsWith("{")) {
			return Optional.empty();
		}
		String brand = null;
		Matcher brandMatch = BRAND.matcher(rest);
		if (brandMatch.find()) {
			brand = brandMatch.group(1).strip();
			rest = rest.substring(0, brandMatch.start());
		}
		for (Matcher qualifier = QUALIFIER.matcher(rest); qualifier.find(); qualifier = QUALIFIER.matcher(rest)) {
			rest = rest.substring(qualifier.end());
		}

		String[] parts = rest.split(" / ", -1);
		List<DrugComponent> components = new ArrayList<>(parts.length);
		for (int i = 0; i < parts.length - 1; i++) {
			Matcher component = COMPONENT.matcher(parts[i]);
			if (!component.matches()) {
				return Optional.empty();
			}
			components.add(toComponent(component));
		}
		Matcher last = LAST_COMPONENT.matcher(parts[parts.length - 1]);
		if (!last.matches()) {
			return Optional.empty();
		}
		components.add(toComponent(last));
		return Optional.of(new ClinicalDrugName(components, last.group("form"), brand));
	}

	private static DrugComponent toComponent(Matcher match) {
		return new DrugComponent(match.group("name").strip(), new BigDecimal(match.group("amount")), match.group("unit"));
	}
}
