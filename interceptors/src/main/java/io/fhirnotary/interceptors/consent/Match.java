package io.fhirnotary.interceptors.consent;

/**
 * Three-valued answer of one provision criterion. {@link #UNKNOWN} is what an element we cannot
 * evaluate yields (an unsupported meaning, an actor reference we cannot resolve); the caller of
 * the matcher turns it into "does not apply" for permits and "applies" for denies, which is what
 * failing closed means for a Consent.
 */
enum Match {
	YES,
	NO,
	UNKNOWN;

	/** Conjunction: one definite NO decides; otherwise any UNKNOWN leaves it open. */
	Match and(Match other) {
		if (this == NO || other == NO) {
			return NO;
		}
		if (this == UNKNOWN || other == UNKNOWN) {
			return UNKNOWN;
		}
		return YES;
	}

	static Match of(boolean matches) {
		return matches ? YES : NO;
	}
}
