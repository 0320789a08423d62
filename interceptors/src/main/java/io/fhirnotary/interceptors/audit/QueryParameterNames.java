package io.fhirnotary.interceptors.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The only part of a query an AuditEvent keeps: the parameter names, sorted, without duplicates.
 *
 * <p>Values are never kept, not even hashed. Search values are PHI (a name, a birth date, an MRN,
 * a medication code), and a hash of a low-entropy value is reversible by trying candidates, so the
 * only safe amount of a value to store is none. The names still say what kind of question was
 * asked ({@code birthdate&family}), which is what an auditor or a patient needs; the resources the
 * answer touched are recorded separately, as references.
 *
 * <p>A name is kept only if it consists of letters, digits and {@code _ - . : $} (1–100
 * characters), which covers parameters, modifiers ({@code code:text}), chains
 * ({@code subject:Patient.name}) and reverse chains ({@code _has:Observation:patient:code}).
 * Anything else is dropped, so a value smuggled into a name with {@code =}, spaces or other
 * punctuation never reaches the record. A client can still put data in a name made of allowed
 * characters ({@code ?Smith=}); an adapter that must exclude that passes only the names the
 * server recognised.
 */
public final class QueryParameterNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.:$]{1,100}");

	private QueryParameterNames() {}

	/**
	 * The names in a raw query string ({@code a=1&b=2}, without the {@code ?}), URL-decoded;
	 * empty for null or blank.
	 */
	public static SortedSet<String> fromQueryString(String rawQuery) {
		SortedSet<String> names = new TreeSet<>();
		if (rawQuery == null || rawQuery.isBlank()) {
			return Collections.unmodifiableSortedSet(names);
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String encoded = equals < 0 ? pair : pair.substring(0, equals);
			decode(encoded).filter(QueryParameterNames::acceptable).ifPresent(names::add);
		}
		return Collections.unmodifiableSortedSet(names);
	}

	/** The acceptable names among {@code names} (already decoded, e.g. a parameter map's keys). */
	public static SortedSet<String> of(Collection<String> names) {
		SortedSet<String> kept = new TreeSet<>();
		if (names != null) {
			names.stream().filter(QueryParameterNames::acceptable).forEach(kept::add);
		}
		return Collections.unmodifiableSortedSet(kept);
	}

	/** The names joined with {@code &}, as stored in {@code AuditEvent.entity.query}. */
	static String render(SortedSet<String> names) {
		return String.join("&", names);
	}

	private static boolean acceptable(String name) {
		return name != null && NAME.matcher(name).matches();
	}

	private static Optional<String> decode(String encoded) {
		try {
			return Optional.of(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
		} catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}
}
