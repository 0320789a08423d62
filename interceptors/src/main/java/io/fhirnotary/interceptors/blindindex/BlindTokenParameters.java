package io.fhirnotary.interceptors.blindindex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Search parameters that plain HAPI indexes as strings or dates and that hold names, addresses or
 * birth dates: in protected mode they become exact-match blind tokens (a token SearchParameter
 * under {@code <code>-blind}, which searches for {@code <code>} are rewritten to), or are retired
 * altogether.
 *
 * <p>Patient, Practitioner, RelatedPerson and Person carry a person's name and address.
 * Organization and Location names and addresses are replaced as well: they name the same cities
 * and postal codes as the people around them, and an exact-match name search is enough to find a
 * pharmacy or hospital.
 */
public final class BlindTokenParameters {

	/**
	 * A string or date parameter replaced by a token parameter over the same elements. Clients keep
	 * searching with {@link #code()}; the server indexes and searches {@link #indexCode()}, a
	 * parameter of its own, because HAPI's resource providers bind built-in codes to their
	 * built-in types (a {@code birthdate} value is parsed as a date before any override is seen).
	 * The built-in parameter itself is retired.
	 */
	public record Replacement(String base, String code, String expression, Normaliser normaliser) {

		/** The code of the token parameter that holds the blind values. */
		public String indexCode() {
			return code + INDEX_SUFFIX;
		}

		/** The type of the built-in parameter this replaces ({@code string} or {@code date}). */
		public String replacedType() {
			return normaliser == Normaliser.DATE ? "date" : "string";
		}

		/** The canonical URL of the blind token SearchParameter. */
		public String url() {
			return "https://fhir-notary.io/SearchParameter/blind-" + base + "-" + code;
		}

		/** The id of the blind token SearchParameter resource. */
		public String id() {
			return "blind-" + base.toLowerCase() + "-" + code;
		}

		/** The retirement of the built-in parameter this replaces. */
		public Retirement retirementOfBuiltIn() {
			return new Retirement(base, code, replacedType(), expression);
		}
	}

	/** Suffix of the codes under which replaced parameters are indexed. */
	public static final String INDEX_SUFFIX = "-blind";

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
			all.add(new Replacement(place, "name", place + ".name | " + place + ".alias", Normaliser.TEXT));
			addAddress(all, place);
		}
		return List.copyOf(all);
	}

	/** Parameters switched off outright (the built-ins replaced by blind tokens come on top). */
	public static List<Retirement> retirements() {
		return RETIREMENTS;
	}

	/** The replacement a client's {@code code} or the server's {@code indexCode} on {@code base} names. */
	public static Optional<Replacement> replacementFor(String base, String code) {
		return REPLACEMENTS.stream()
				.filter(r -> r.base().equals(base) && (r.code().equals(code) || r.indexCode().equals(code)))
				.findFirst();
	}

	/**
	 * A parameter name as the client wrote it, before the server renamed replaced parameters to
	 * their index codes ({@code subject:Patient.family-blind:exact} → {@code subject:Patient.family:exact}).
	 */
	public static String clientFacingName(String name) {
		return name == null ? null : INDEX_SUFFIX_IN_NAME.matcher(name).replaceAll("");
	}

	private static final java.util.regex.Pattern INDEX_SUFFIX_IN_NAME =
			java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(INDEX_SUFFIX) + "(?=$|[:.])");

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
