package io.fhirnotary.interceptors.blindindex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Search parameters that plain HAPI indexes as strings or dates and that hold names, addresses or
 * birth dates: in protected mode they become exact-match blind tokens under the same code (a
 * SearchParameter of type token overrides the built-in one), or are retired altogether.
 *
 * <p>Patient, Practitioner, RelatedPerson and Person carry a person's name and address;
 * Organization and Location addresses are replaced as well because they name the same cities and
 * postal codes as the people around them.
 */
public final class BlindTokenParameters {

	/** A string or date parameter replaced by a token parameter over the same elements. */
	public record Replacement(String base, String code, String expression, Normaliser normaliser) {

		/** The canonical URL of the overriding SearchParameter. */
		public String url() {
			return "https://fhir-notary.io/SearchParameter/blind-" + base + "-" + code;
		}

		/** The id of the overriding SearchParameter resource. */
		public String id() {
			return "blind-" + base.toLowerCase() + "-" + code;
		}
	}

	/** A parameter that is switched off: not indexed, refused with 400. */
	public record Retirement(String base, String code, String type, String expression) {

		public String url() {
			return "https://fhir-notary.io/SearchParameter/retired-" + base + "-" + code;
		}

		public String id() {
			return "retired-" + base.toLowerCase() + "-" + code;
		}
	}

	private static final List<String> PEOPLE = List.of("Patient", "Practitioner", "RelatedPerson", "Person");
	private static final List<String> PLACES = List.of("Organization", "Location");
	private static final List<Replacement> REPLACEMENTS = build();
	private static final List<Retirement> RETIREMENTS = List.of(
			new Retirement("Patient", "phonetic", "string", "Patient.name"),
			new Retirement("Practitioner", "phonetic", "string", "Practitioner.name"),
			new Retirement("RelatedPerson", "phonetic", "string", "RelatedPerson.name"),
			new Retirement("Person", "phonetic", "string", "Person.name"),
			new Retirement("Organization", "phonetic", "string", "Organization.name"),
			new Retirement("Patient", "death-date", "date", "(Patient.deceased as dateTime)"));

	private BlindTokenParameters() {}

	public static List<Replacement> replacements() {
		return REPLACEMENTS;
	}

	private static List<Replacement> build() {
		List<Replacement> all = new ArrayList<>();
		for (String person : PEOPLE) {
			String name = person + ".name";
			all.add(new Replacement(person, "name", String.join(" | ", name + ".text", name + ".family", name + ".given",
					name + ".prefix", name + ".suffix"), Normaliser.TEXT));
			if (person.equals("Patient") || person.equals("Practitioner")) {
				all.add(new Replacement(person, "family", name + ".family", Normaliser.TEXT));
				all.add(new Replacement(person, "given", name + ".given", Normaliser.TEXT));
			}
			if (!person.equals("Practitioner")) {
				all.add(new Replacement(person, "birthdate", person + ".birthDate", Normaliser.DATE));
			}
			addAddress(all, person);
		}
		for (String place : PLACES) {
			addAddress(all, place);
		}
		return List.copyOf(all);
	}

	public static List<Retirement> retirements() {
		return RETIREMENTS;
	}

	public static Optional<Replacement> replacementFor(String base, String code) {
		return REPLACEMENTS.stream().filter(r -> r.base().equals(base) && r.code().equals(code)).findFirst();
	}

	public static boolean isRetired(String base, String code) {
		return RETIREMENTS.stream().anyMatch(r -> r.base().equals(base) && r.code().equals(code));
	}

	private static void addAddress(List<Replacement> all, String base) {
		String address = base + ".address";
		all.add(new Replacement(base, "address", String.join(" | ", address + ".text", address + ".line",
				address + ".city", address + ".district", address + ".state", address + ".postalCode",
				address + ".country"), Normaliser.TEXT));
		all.add(new Replacement(base, "address-city", address + ".city", Normaliser.TEXT));
		all.add(new Replacement(base, "address-state", address + ".state", Normaliser.TEXT));
		all.add(new Replacement(base, "address-postalcode", address + ".postalCode", Normaliser.TEXT));
		all.add(new Replacement(base, "address-country", address + ".country", Normaliser.TEXT));
	}
}
