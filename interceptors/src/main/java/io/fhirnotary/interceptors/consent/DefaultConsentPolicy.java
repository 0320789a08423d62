package io.fhirnotary.interceptors.consent;

import java.util.Locale;

/**
 * What happens when no Consent provision decides a request ({@code fhirnotary.consent.default}).
 *
 * <p>{@link #DENY} is opt-in: nobody but the patient, prescriber, custodian and emergency sees
 * anything the patient has not shared. {@link #PERMIT} is opt-out: every identified caller with
 * the right scopes sees the patient's data unless a Consent denies it.
 */
public enum DefaultConsentPolicy {
	DENY,
	PERMIT;

	/**
	 * Reads the configuration value {@code deny} or {@code permit} (any case, surrounding blanks
	 * ignored); null or blank means the default, {@link #DENY}.
	 *
	 * @throws IllegalArgumentException for any other value, so a typo stops the server at start-up
	 *                                  instead of silently opening or closing access
	 */
	public static DefaultConsentPolicy fromProperty(String value) {
		if (value == null || value.isBlank()) {
			return DENY;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "deny" -> DENY;
			case "permit" -> PERMIT;
			default -> throw new IllegalArgumentException(
					"fhirnotary.consent.default must be 'deny' or 'permit', not '" + value.trim() + "'");
		};
	}
}
