package io.fhirnotary.terminology.load;

import java.util.List;

/**
 * Which RxNorm atom names a concept when it has several (the normalised name, a prescribable
 * name, synonyms, ...).
 *
 * <p>The order is the one the UMLS Metathesaurus itself uses to pick a preferred name among
 * RxNorm atoms (rows with SAB = RXNORM of MRRANK.RRF, highest rank first). Within one RxCUI this
 * means the normalised name wins: a concept has exactly one atom of its own term type (SCD, SBD,
 * IN, ...), and the prescribable name (PSN) exists only for SCD, SBD, GPCK and BPCK, which rank
 * above it. Term types not listed (ET, obsolete ones) come last.
 */
final class RxNormTermTypes {

	private static final List<String> PREFERENCE = List.of(
			"SCD", "SBD", "SCDG", "SCDGP", "SBDG", "BPCK", "GPCK", "IN", "PSN", "MIN",
			"SCDF", "SCDFP", "SBDF", "SBDFP", "SCDC", "DFG", "DF", "SBDC", "BN", "PIN", "TMSY", "SY");

	/** Term types whose concepts are ingredients, the targets the {@code has_ingredient} property keeps. */
	static final List<String> INGREDIENT_TYPES = List.of("IN", "PIN", "MIN");

	private RxNormTermTypes() {}

	/** Lower is preferred; unlisted term types share the last place. */
	static int rank(String termType) {
		int index = PREFERENCE.indexOf(termType);
		return index < 0 ? PREFERENCE.size() : index;
	}
}
