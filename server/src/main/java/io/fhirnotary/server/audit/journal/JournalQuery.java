package io.fhirnotary.server.audit.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A search of the journal: every condition must hold; within one, any of its values. Built from the
 * REST parameters by {@link AuditEventProvider}, turned into SQL by {@link AuditJournal}.
 *
 * @param patients        the event must be about one of these ({@code Patient/id}); empty: anyone
 * @param matches         conditions on the space-delimited columns
 * @param recordedFrom    inclusive lower bound on {@code recorded} (ms), or null
 * @param recordedBefore  exclusive upper bound (ms), or null
 * @param ids             the event's id must be one of these; null: any
 * @param newestFirst     order by {@code recorded} descending (else ascending)
 */
record JournalQuery(
		List<Set<String>> patients,
		List<Match> matches,
		Long recordedFrom,
		Long recordedBefore,
		Set<String> ids,
		boolean newestFirst) {

	/** The columns searched by value. */
	enum Column {
		TYPE("type_code"), SUBTYPE("subtypes"), ACTION("action_code"), OUTCOME("outcome"), SECURITY("security"), AGENT("agents"), ENTITY("entities");

		final String sql;

		Column(String sql) {
			this.sql = sql;
		}
	}

	/**
	 * The column holds one of the values. A value is matched whole ({@code exact}: {@code Type/id}
	 * or {@code system|code}) or, for a token given without a system, as the code after any system.
	 */
	record Match(Column column, List<Value> anyOf) {
	}

	record Value(String text, boolean codeOnly) {
	}

	static Builder builder() {
		return new Builder();
	}

	/** A query no event can satisfy (a caller who may see none, a patient asking about another). */
	boolean matchesNothing() {
		return patients.stream().anyMatch(Set::isEmpty) || (ids != null && ids.isEmpty()) || matches.stream().anyMatch(match -> match.anyOf().isEmpty())
				|| (recordedFrom != null && recordedBefore != null && recordedFrom >= recordedBefore);
	}

	static final class Builder {
		private final List<Set<String>> patients = new ArrayList<>();
		private final List<Match> matches = new ArrayList<>();
		private Long from;
		private Long before;
		private Set<String> ids;
		private boolean newestFirst = true;

		/** One more condition on whom the event is about (an empty set: nobody). */
		Builder aboutOneOf(Set<String> patientRefs) {
			patients.add(Set.copyOf(patientRefs));
			return this;
		}

		Builder match(Column column, List<Value> anyOf) {
			matches.add(new Match(column, List.copyOf(anyOf)));
			return this;
		}

		Builder recordedFrom(long millis) {
			from = from == null ? millis : Math.max(from, millis);
			return this;
		}

		Builder recordedBefore(long millis) {
			before = before == null ? millis : Math.min(before, millis);
			return this;
		}

		/** The id must be one of these (an empty set: none). */
		Builder ids(Set<String> anyOf) {
			ids = Set.copyOf(anyOf);
			return this;
		}

		Builder newestFirst(boolean newest) {
			newestFirst = newest;
			return this;
		}

		JournalQuery build() {
			return new JournalQuery(List.copyOf(patients), List.copyOf(matches), from, before, ids, newestFirst);
		}
	}
}
