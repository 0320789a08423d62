package io.fhirnotary.terminology.load;

/**
 * What reading an RxNorm release kept and skipped, for the loader's summary.
 *
 * @param atomRows rows read from RXNCONSO.RRF
 * @param atomsKept rows that named a concept (SAB = RXNORM, not suppressed)
 * @param atomsFromOtherSources rows of other vocabularies (SAB other than RXNORM)
 * @param atomsSuppressed RXNORM rows marked obsolete or suppressed (SUPPRESS = O, Y or E)
 * @param relationRows rows read from RXNREL.RRF (0 when there was none)
 * @param ingredientLinks has_ingredient properties written
 * @param malformedRows rows with too few fields, in either file
 */
public record RrfReadSummary(
		long atomRows,
		long atomsKept,
		long atomsFromOtherSources,
		long atomsSuppressed,
		long relationRows,
		long ingredientLinks,
		long malformedRows) {}
