package io.fhirnotary.interceptors.blindindex;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What counts as the same value before it is hashed. Index and query side apply the same
 * normaliser, so a search finds what plain HAPI's token search finds (exact values), and for
 * phone numbers, e-mails and names also the variants a person would call equal.
 */
public enum Normaliser {

	/** Token values as HAPI compares them: exactly, case and all. */
	EXACT {
		@Override
		public String normalise(String value) {
			return value;
		}
	},

	/**
	 * Telecom values: e-mail addresses trimmed and in lower case, phone numbers reduced to their
	 * digits (a leading {@code +} kept), {@code tel:}/{@code mailto:} prefixes dropped; anything
	 * else trimmed.
	 */
	TELECOM {
		@Override
		public String normalise(String value) {
			String trimmed = value.trim();
			String lower = trimmed.toLowerCase(Locale.ROOT);
			if (lower.startsWith("mailto:")) {
				return lower.substring("mailto:".length()).trim();
			}
			if (lower.contains("@")) {
				return lower;
			}
			String phone = lower.startsWith("tel:") ? trimmed.substring("tel:".length()).trim() : trimmed;
			if (PHONE.matcher(phone).matches()) {
				String digits = phone.replaceAll("[^0-9]", "");
				return phone.startsWith("+") ? "+" + digits : digits;
			}
			return trimmed;
		}
	},

	/**
	 * Names and address parts: accents removed, upper case, runs of white space as one space,
	 * trimmed — the comparison HAPI's string index makes, but for the whole value (exact match).
	 */
	TEXT {
		@Override
		public String normalise(String value) {
			String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
			String withoutMarks = COMBINING_MARKS.matcher(decomposed).replaceAll("");
			return WHITE_SPACE.matcher(withoutMarks.toUpperCase(Locale.ROOT)).replaceAll(" ").trim();
		}
	},

	/**
	 * Birth dates as exact tokens: the date as written ({@code 1980-04-02}, or {@code 1980-04} and
	 * {@code 1980} when only that much is known). Searches must name the same precision; range
	 * prefixes ({@code ge}, {@code lt}, ...) are refused, see {@link #isValidQueryValue}.
	 */
	DATE {
		@Override
		public String normalise(String value) {
			return value.trim();
		}

		@Override
		public boolean isValidQueryValue(String value) {
			return DATE_VALUE.matcher(value.trim()).matches();
		}
	};

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./\\-]*[0-9][0-9 ()./\\-]*");
	private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
	private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
	private static final Pattern DATE_VALUE = Pattern.compile("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?");

	/** The canonical form that is hashed. */
	public abstract String normalise(String value);

	/** Whether a search may ask for {@code value} (before normalisation). */
	public boolean isValidQueryValue(String value) {
		return true;
	}
}
