package io.fhirnotary.terminology.load;

import io.fhirnotary.terminology.TerminologyUrls;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an RxNorm release in RRF form (RXNCONSO.RRF and, if present, RXNREL.RRF) into one
 * concept per RxCUI.
 *
 * <p>Mapping, documented for users in docs/TERMINOLOGY.md:
 * <ul>
 *   <li>RXNCONSO: rows with SAB = RXNORM and SUPPRESS not O/Y/E become atoms; other vocabularies'
 *       rows (NDC sources, MeSH, ...) and obsolete or suppressed rows are skipped. Each RxCUI is one
 *       concept, named by its preferred atom ({@link RxNormTermTypes}); property {@code tty} holds
 *       that atom's term type.</li>
 *   <li>RXNREL: rows with SAB = RXNORM, not suppressed, and RELA has_ingredient / ingredient_of
 *       (both directions of one link) or consists_of / constitutes. RXNREL reads right to left:
 *       a row says RXCUI2 [RELA] RXCUI1. A concept's {@code has_ingredient} properties are the
 *       RxCUIs of the ingredient concepts (term type IN, PIN or MIN) it is directly linked to, plus
 *       those of the components it consists of, so a clinical drug (SCD) gets the ingredients of
 *       its clinical drug components (SCDC).</li>
 * </ul>
 * Files are streamed line by line; only the kept concepts and ingredient links stay in memory
 * (a full release: a few hundred thousand concepts out of millions of rows).
 */
public final class RxNormRrfReader {

	public static final String CONCEPTS_FILE = "RXNCONSO.RRF";
	public static final String RELATIONS_FILE = "RXNREL.RRF";

	public static final String TTY_PROPERTY = "tty";
	public static final String HAS_INGREDIENT_PROPERTY = "has_ingredient";

	/** How often the progress listener hears about a file being read. */
	static final long PROGRESS_EVERY_ROWS = 100_000;

	private static final Pattern README_DATE = Pattern.compile("Readme_(?:full|prescribe|weekly)_(\\d{8})\\.txt");
	private static final Set<String> SUPPRESSED = Set.of("O", "Y", "E");

	private final ProgressListener progress;

	public RxNormRrfReader(ProgressListener progress) {
		this.progress = Objects.requireNonNull(progress, "progress");
	}

	/**
	 * Reads the release in {@code folder}: the unpacked release zip (files under {@code rrf/}) or
	 * a folder holding the RRF files themselves.
	 *
	 * @param version the release's version, or null to take the date from the release's readme
	 *     ({@code Readme_full_MMDDYYYY.txt}, as NLM names it)
	 * @throws IOException if RXNCONSO.RRF is missing, or the version is neither given nor found
	 */
	public RxNormRelease read(Path folder, String version) throws IOException {
		Path rrf = Files.isRegularFile(folder.resolve("rrf").resolve(CONCEPTS_FILE)) ? folder.resolve("rrf") : folder;
		Path concepts = rrf.resolve(CONCEPTS_FILE);
		if (!Files.isRegularFile(concepts)) {
			throw new IOException("no " + CONCEPTS_FILE + " in " + folder + " or " + folder.resolve("rrf"));
		}
		Path relations = rrf.resolve(RELATIONS_FILE);
		String releaseVersion = version != null ? version : versionFromReadme(folder)
				.orElseThrow(() -> new IOException("no Readme_full_MMDDYYYY.txt in " + folder + "; pass the release's version"));
		return read(concepts, Files.isRegularFile(relations) ? relations : null, releaseVersion);
	}

	/**
	 * Reads the two files.
	 *
	 * @param relations RXNREL.RRF, or null to load concepts without ingredient properties
	 */
	public RxNormRelease read(Path concepts, Path relations, String version) throws IOException {
		Objects.requireNonNull(version, "version");
		Atoms atoms = readAtoms(concepts);
		Relations links = relations == null ? new Relations() : readRelations(relations, atoms.byCode);

		List<LoadedConcept> loaded = new ArrayList<>(atoms.byCode.size());
		long ingredientLinks = 0;
		for (Map.Entry<String, PreferredAtom> entry : atoms.byCode.entrySet()) {
			List<ConceptProperty> properties = new ArrayList<>();
			properties.add(new ConceptProperty(TTY_PROPERTY, entry.getValue().termType));
			for (String ingredient : links.ingredientsOf(entry.getKey())) {
				properties.add(new ConceptProperty(HAS_INGREDIENT_PROPERTY, ingredient));
				ingredientLinks++;
			}
			loaded.add(new LoadedConcept(entry.getKey(), entry.getValue().name, properties));
		}

		CodeSystemRelease release = new CodeSystemRelease(
				TerminologyUrls.RXNORM,
				version,
				"rxnorm",
				"RxNorm",
				"RxNorm",
				List.of(
						new PropertyDeclaration(TTY_PROPERTY, "RxNorm term type of the atom that names the concept (SCD, SBD, IN, ...)"),
						new PropertyDeclaration(HAS_INGREDIENT_PROPERTY,
								"RxCUI of an ingredient (IN, PIN or MIN) of this concept, directly or through a component it consists of")),
				loaded);
		RrfReadSummary summary = new RrfReadSummary(atoms.rows, atoms.kept, atoms.otherSources, atoms.suppressed,
				links.rows, ingredientLinks, atoms.malformed + links.malformed);
		return new RxNormRelease(release, summary);
	}

	/** The release date NLM puts in the readme's file name, e.g. 01062025 for Readme_full_01062025.txt. */
	static Optional<String> versionFromReadme(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> README_DATE.matcher(file.getFileName().toString()))
					.filter(Matcher::matches)
					.map(match -> match.group(1))
					.sorted()
					.findFirst();
		}
	}

	private Atoms readAtoms(Path file) throws IOException {
		Atoms atoms = new Atoms();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				atoms.rows++;
				atoms.accept(RrfLine.fields(line));
				if (atoms.rows % PROGRESS_EVERY_ROWS == 0) {
					progress.rowsRead(CONCEPTS_FILE, atoms.rows, false);
				}
			}
		}
		progress.rowsRead(CONCEPTS_FILE, atoms.rows, true);
		return atoms;
	}

	private Relations readRelations(Path file, Map<String, PreferredAtom> concepts) throws IOException {
		Relations relations = new Relations();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				relations.rows++;
				relations.accept(RrfLine.fields(line), concepts);
				if (relations.rows % PROGRESS_EVERY_ROWS == 0) {
					progress.rowsRead(RELATIONS_FILE, relations.rows, false);
				}
			}
		}
		progress.rowsRead(RELATIONS_FILE, relations.rows, true);
		return relations;
	}

	private static boolean isSuppressed(String flag) {
		return SUPPRESSED.contains(flag);
	}

	/** The name chosen so far for one RxCUI. */
	private static final class PreferredAtom {
		final String termType;
		final String name;
		final int rank;

		PreferredAtom(String termType, String name) {
			this.termType = termType;
			this.name = name;
			this.rank = RxNormTermTypes.rank(termType);
		}
	}

	/** RXNCONSO.RRF: RXCUI|LAT|TS|LUI|STT|SUI|ISPREF|RXAUI|SAUI|SCUI|SDUI|SAB|TTY|CODE|STR|SRL|SUPPRESS|CVF| */
	private static final class Atoms {
		static final int RXCUI = 0;
		static final int SAB = 11;
		static final int TTY = 12;
		static final int STR = 14;
		static final int SUPPRESS = 16;

		/** In order of first appearance, so the upload follows the file. */
		final Map<String, PreferredAtom> byCode = new LinkedHashMap<>();
		long rows;
		long kept;
		long otherSources;
		long suppressed;
		long malformed;

		void accept(List<String> fields) {
			if (fields.size() <= SUPPRESS) {
				malformed++;
				return;
			}
			if (!"RXNORM".equals(fields.get(SAB))) {
				otherSources++;
				return;
			}
			if (isSuppressed(fields.get(SUPPRESS))) {
				suppressed++;
				return;
			}
			String code = fields.get(RXCUI);
			if (code.isBlank()) {
				malformed++;
				return;
			}
			kept++;
			PreferredAtom candidate = new PreferredAtom(fields.get(TTY), fields.get(STR));
			byCode.merge(code, candidate, (current, next) -> next.rank < current.rank ? next : current);
		}
	}

	/** RXNREL.RRF: RXCUI1|RXAUI1|STYPE1|REL|RXCUI2|RXAUI2|STYPE2|RELA|RUI|SRUI|SAB|SL|RG|DIR|SUPPRESS|CVF| */
	private static final class Relations {
		static final int RXCUI1 = 0;
		static final int RXCUI2 = 4;
		static final int RELA = 7;
		static final int SAB = 10;
		static final int SUPPRESS = 14;

		final Map<String, Set<String>> ingredientsByProduct = new HashMap<>();
		final Map<String, Set<String>> partsByWhole = new HashMap<>();
		long rows;
		long malformed;

		void accept(List<String> fields, Map<String, PreferredAtom> concepts) {
			if (fields.size() <= SUPPRESS) {
				malformed++;
				return;
			}
			if (!"RXNORM".equals(fields.get(SAB)) || isSuppressed(fields.get(SUPPRESS))) {
				return;
			}
			String first = fields.get(RXCUI1);
			String second = fields.get(RXCUI2);
			if (first.isEmpty() || second.isEmpty()) {
				return; // an atom-level relation
			}
			// RXNREL reads right to left: the row states "RXCUI2 <RELA> RXCUI1"
			switch (fields.get(RELA)) {
				case "has_ingredient" -> linkIngredient(second, first, concepts);
				case "ingredient_of" -> linkIngredient(first, second, concepts);
				case "consists_of" -> link(partsByWhole, second, first);
				case "constitutes" -> link(partsByWhole, first, second);
				default -> { }
			}
		}

		private void linkIngredient(String product, String ingredient, Map<String, PreferredAtom> concepts) {
			PreferredAtom target = concepts.get(ingredient);
			if (concepts.containsKey(product) && target != null && RxNormTermTypes.INGREDIENT_TYPES.contains(target.termType)) {
				link(ingredientsByProduct, product, ingredient);
			}
		}

		private static void link(Map<String, Set<String>> links, String from, String to) {
			links.computeIfAbsent(from, key -> new TreeSet<>(RxNormRrfReader::compareRxCuis)).add(to);
		}

		/** Direct ingredients, then those of the components the concept consists of; sorted, no repeats. */
		Set<String> ingredientsOf(String code) {
			Set<String> ingredients = new TreeSet<>(RxNormRrfReader::compareRxCuis);
			ingredients.addAll(ingredientsByProduct.getOrDefault(code, Set.of()));
			for (String part : partsByWhole.getOrDefault(code, Set.of())) {
				ingredients.addAll(ingredientsByProduct.getOrDefault(part, Set.of()));
			}
			return ingredients;
		}
	}

	/** RxCUIs are digits: shorter is smaller; otherwise plain text order. */
	static int compareRxCuis(String a, String b) {
		return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
	}
}
