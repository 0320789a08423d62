package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamString;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor.SearchParamSet;
import io.fhirnotary.interceptors.blindindex.BlindIndexPolicy;
import io.fhirnotary.interceptors.blindindex.BlindTokens;
import io.fhirnotary.interceptors.blindindex.SearchParamKind;
import io.fhirnotary.interceptors.blindindex.Treatment;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the {@link BlindIndexPolicy} to the index rows HAPI's extractor produced for one
 * resource: blinded token values are replaced by their MAC (and HAPI's hashes recomputed over it),
 * rows of disabled parameters are dropped, display texts of blinded codes never reach the string
 * index. Rows are changed before HAPI persists or compares them, so inserts, updates, reindex and
 * in-memory matching all see the same blind values.
 */
final class IndexEntityBlinder {

	private final BlindIndexPolicy policy;
	private final BlindTokens tokens;

	IndexEntityBlinder(BlindIndexPolicy policy, BlindTokens tokens) {
		this.policy = policy;
		this.tokens = tokens;
	}

	/**
	 * Whether extracting the parameter can give a row that {@link #tokens}, {@link #strings} or
	 * {@link #dates} would keep. When not, the extractor skips it rather than evaluate its FHIRPath
	 * (names, addresses, birth dates of every Patient; names in every AuditEvent) only to drop
	 * every row it gives.
	 */
	boolean mayKeepRowsOf(String resourceType, String paramName, SearchParamKind kind) {
		Treatment treatment = policy.treatmentOf(resourceType, paramName, kind);
		return kind == SearchParamKind.STRING ? treatment.kind() == Treatment.Kind.CLEAR : !treatment.isDisabled();
	}

	/** Token rows (with the string and coordinate rows HAPI extracts alongside them). */
	<T extends BaseResourceIndexedSearchParam> SearchParamSet<T> tokens(SearchParamSet<T> extracted) {
		return rewriteInPlace(extracted, row -> {
			if (row instanceof ResourceIndexedSearchParamToken) {
				return blindToken(row);
			}
			if (row instanceof ResourceIndexedSearchParamString) {
				// the display text of a code: only where the code itself stays clear
				Treatment treatment = treatment(row, SearchParamKind.TOKEN);
				return treatment.kind() == Treatment.Kind.CLEAR ? row : null;
			}
			return row;
		});
	}

	/** String rows: only parameters the policy keeps clear (organisation names, reference data). */
	<T extends BaseResourceIndexedSearchParam> SearchParamSet<T> strings(SearchParamSet<T> extracted) {
		return rewriteInPlace(extracted, row -> treatment(row, SearchParamKind.STRING).kind() == Treatment.Kind.CLEAR ? row : null);
	}

	/** Date rows: dates of care stay clear, birth and death dates never get here. */
	<T extends BaseResourceIndexedSearchParam> SearchParamSet<T> dates(SearchParamSet<T> extracted) {
		return rewriteInPlace(extracted, row -> treatment(row, SearchParamKind.DATE).isDisabled() ? null : row);
	}

	/** A single token row (HAPI's {@code createSearchParamForCoding}). */
	ResourceIndexedSearchParamToken token(ResourceIndexedSearchParamToken row) {
		return row == null ? null : this.<ResourceIndexedSearchParamToken>blindToken(row);
	}

	private <T extends BaseResourceIndexedSearchParam> T blindToken(T row) {
		ResourceIndexedSearchParamToken token = (ResourceIndexedSearchParamToken) row;
		if (token.getParamName() == null || token.getParamName().contains(":")) {
			return null; // :of-type rows (off by default) would carry the identifier in clear
		}
		Treatment treatment = treatment(token, SearchParamKind.TOKEN);
		if (treatment.isDisabled()) {
			return null;
		}
		if (treatment.isBlind() && token.getValue() != null) {
			token.setValue(tokens.blind(token.getValue(), treatment.normaliser()));
			token.clearHashes();
			token.calculateHashes();
		}
		return row;
	}

	private Treatment treatment(BaseResourceIndexedSearchParam row, SearchParamKind kind) {
		return policy.treatmentOf(row.getResourceType(), row.getParamName(), kind);
	}

	/**
	 * {@link SearchParamSet} is a hash set carrying HAPI's extraction warnings: rows whose value
	 * changes must leave and re-enter it (their hash changes), and the set object itself is kept.
	 */
	private static <T> SearchParamSet<T> rewriteInPlace(SearchParamSet<T> set, java.util.function.UnaryOperator<T> rewrite) {
		List<T> rows = new ArrayList<>(set);
		set.clear();
		for (T row : rows) {
			T rewritten = rewrite.apply(row);
			if (rewritten != null) {
				set.add(rewritten);
			}
		}
		return set;
	}
}
