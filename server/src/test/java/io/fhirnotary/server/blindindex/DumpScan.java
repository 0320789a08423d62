package io.fhirnotary.server.blindindex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Searches a database dump (pg_dump's plain format, or H2's {@code SCRIPT}) for given strings,
 * case-insensitively and as whole words (not inside a longer run of letters and digits, so the
 * postal code 02038 is not found inside 1020389). Reports every hit by table and category.
 *
 * <p>Left out, because they hold public reference data rather than anyone's record: the rows of
 * HAPI's terminology tables ({@code TRM_*}: the RxNorm subset and other code systems the server
 * seeds) and, in any table with a {@code res_type} column, the rows of conformance and terminology
 * resources (CodeSystem, ValueSet, ...). A medication code found there is a fact about RxNorm; the
 * same code anywhere else sits next to a patient's record and counts.
 */
final class DumpScan {

	/** The conformance and terminology resource types whose rows are public reference data. */
	static final Set<String> REFERENCE_DATA_TYPES = Set.of(
			"CodeSystem", "ValueSet", "ConceptMap", "NamingSystem", "StructureDefinition", "SearchParameter",
			"OperationDefinition", "CapabilityStatement");

	private record Needle(String category, String text, String lower, boolean wordStart, boolean wordEnd) {}

	private final Map<String, List<Needle>> byPrefix = new HashMap<>();
	private final List<Needle> unanchored = new ArrayList<>();
	/** table → category → strings found. */
	private final Map<String, Map<String, Set<String>>> hits = new TreeMap<>();

	private String table = "(schema)";
	private int resTypeColumn = -1;
	private boolean inCopy;
	private boolean skipTable;

	DumpScan(Map<String, ? extends Iterable<String>> stringsByCategory) {
		this(stringsByCategory, Set.of());
	}

	/**
	 * @param prefixCategories categories whose strings are the start of a longer value (the first
	 *                         characters of a base64 note) and so need no word boundary at their end
	 */
	DumpScan(Map<String, ? extends Iterable<String>> stringsByCategory, Set<String> prefixCategories) {
		stringsByCategory.forEach((category, strings) -> {
			for (String text : strings) {
				String lower = text.toLowerCase(Locale.ROOT);
				Needle needle = new Needle(category, text, lower, isWordChar(lower.charAt(0)),
						!prefixCategories.contains(category) && isWordChar(lower.charAt(lower.length() - 1)));
				if (needle.wordStart() && lower.length() >= 4) {
					byPrefix.computeIfAbsent(lower.substring(0, 4), p -> new ArrayList<>()).add(needle);
				} else {
					unanchored.add(needle);
				}
			}
		});
	}

	/** Feeds one line of the dump. */
	void line(String line) {
		if (line.startsWith("COPY ")) {
			startCopy(line);
			return;
		}
		if (inCopy && line.equals("\\.")) {
			inCopy = false;
			table = "(schema)";
			skipTable = false;
			return;
		}
		if (line.startsWith("INSERT INTO ")) {
			startTable(tableName(line.substring("INSERT INTO ".length())));
			resTypeColumn = -1;
		}
		if (skipTable || (inCopy && isReferenceDataRow(line))) {
			return;
		}
		int lowrite = line.indexOf("lowrite(0, '\\x");
		if (lowrite >= 0) {
			// large objects (HAPI's oid columns, e.g. HFJ_SEARCH.SEARCH_QUERY_STRING) are dumped as hex
			String hex = line.substring(lowrite + "lowrite(0, '\\x".length(), line.lastIndexOf('\''));
			scanIn(LARGE_OBJECTS, decoded(hex));
			return;
		}
		scan(line);
		if (inCopy && line.contains("\\\\x")) {
			// bytea columns in COPY rows: \\x followed by hex (maybe gzip, as HAPI's compressed bodies)
			for (String field : line.split("\t")) {
				if (field.startsWith("\\\\x")) {
					scan(decoded(field.substring(3)));
				}
			}
		}
	}

	private static final String LARGE_OBJECTS = "(large objects)";

	private void scanIn(String largeObjects, String text) {
		String previous = table;
		table = largeObjects;
		scan(text);
		table = previous;
	}

	/** Hex to text, gunzipped when it is gzip: what anyone holding the dump can read. */
	private static String decoded(String hex) {
		byte[] bytes;
		try {
			bytes = java.util.HexFormat.of().parseHex(hex);
		} catch (IllegalArgumentException notHex) {
			return "";
		}
		if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
			try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
				bytes = in.readAllBytes();
			} catch (java.io.IOException notGzip) {
				// keep the raw bytes
			}
		}
		return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
	}

	Map<String, Map<String, Set<String>>> hits() {
		return hits;
	}

	boolean isClean() {
		return hits.isEmpty();
	}

	/** Every string found, whatever the table. */
	Set<String> found() {
		Set<String> found = new TreeSet<>();
		hits.values().forEach(byCategory -> byCategory.values().forEach(found::addAll));
		return found;
	}

	/** Hits grouped by table then category, one line each, for assertion messages and reports. */
	String report() {
		StringBuilder out = new StringBuilder();
		hits.forEach((table, byCategory) -> byCategory.forEach((category, strings) -> out.append(table).append(" | ")
				.append(category).append(" | ").append(strings.size()).append(" distinct: ").append(strings).append('\n')));
		return out.toString();
	}

	private void startCopy(String header) {
		inCopy = true;
		String rest = header.substring("COPY ".length());
		startTable(tableName(rest));
		resTypeColumn = -1;
		int open = rest.indexOf('(');
		int close = rest.indexOf(')');
		if (open >= 0 && close > open) {
			String[] columns = rest.substring(open + 1, close).split(",");
			for (int i = 0; i < columns.length; i++) {
				if (columns[i].trim().replace("\"", "").equalsIgnoreCase("res_type")) {
					resTypeColumn = i;
				}
			}
		}
	}

	private void startTable(String name) {
		table = name;
		skipTable = name.startsWith("trm_");
	}

	private boolean isReferenceDataRow(String row) {
		if (resTypeColumn < 0) {
			return false;
		}
		String[] fields = row.split("\t", -1);
		return fields.length > resTypeColumn && REFERENCE_DATA_TYPES.contains(fields[resTypeColumn]);
	}

	private static String tableName(String qualified) {
		String name = qualified.split("[ (]", 2)[0].replace("\"", "");
		return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
	}

	private void scan(String line) {
		String lower = line.toLowerCase(Locale.ROOT);
		int length = lower.length();
		for (int i = 0; i + 4 <= length; i++) {
			if (i > 0 && isWordChar(lower.charAt(i - 1)) || !isWordChar(lower.charAt(i))) {
				continue;
			}
			List<Needle> candidates = byPrefix.get(lower.substring(i, i + 4));
			if (candidates != null) {
				for (Needle needle : candidates) {
					matchAt(lower, i, needle);
				}
			}
		}
		for (Needle needle : unanchored) {
			for (int at = lower.indexOf(needle.lower()); at >= 0; at = lower.indexOf(needle.lower(), at + 1)) {
				if (matchAt(lower, at, needle)) {
					break;
				}
			}
		}
	}

	private boolean matchAt(String lower, int at, Needle needle) {
		if (!lower.startsWith(needle.lower(), at)) {
			return false;
		}
		int end = at + needle.lower().length();
		if (needle.wordStart() && at > 0 && isWordChar(lower.charAt(at - 1))) {
			return false;
		}
		if (needle.wordEnd() && end < lower.length() && isWordChar(lower.charAt(end))) {
			return false;
		}
		hits.computeIfAbsent(table, t -> new TreeMap<>()).computeIfAbsent(needle.category(), c -> new TreeSet<>())
				.add(needle.text());
		return true;
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c);
	}

	/** Feeds every line of {@code text}. */
	void text(String text) {
		text.lines().forEach((Consumer<String>) this::line);
	}
}
