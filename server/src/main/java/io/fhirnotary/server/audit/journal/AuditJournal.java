package io.fhirnotary.server.audit.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The journal's tables ({@code V50__audit_journal.sql}): appends in JDBC batches, finds by id, and
 * searches by {@link JournalQuery}. Knows rows, not FHIR: bodies go in and come out encrypted.
 */
final class AuditJournal {

	/** A row as stored: the body is still the ciphertext. */
	record Stored(String id, long recordedMillis, String dataKeyId, byte[] body) {
	}

	/** A row to append: the entry's search columns and its encrypted body. */
	record Sealed(JournalEntry entry, String dataKeyId, byte[] body) {
	}

	private static final String COLUMNS = "j.id, j.recorded_ms, j.data_key_id, j.body";
	private static final RowMapper<Stored> STORED = (row, n) ->
			new Stored(row.getString(1), row.getLong(2), row.getString(3), row.getBytes(4));

	private final JdbcTemplate jdbc;

	AuditJournal(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** On the caller's connection (its transaction), one JDBC batch per table. */
	static void append(Connection connection, List<Sealed> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		try (PreparedStatement events = connection.prepareStatement("INSERT INTO fhirnotary_audit_journal (id, recorded_ms, "
				+ "type_code, subtypes, action_code, outcome, security, agents, entities, data_key_id, body) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
				PreparedStatement patients = connection.prepareStatement(
						"INSERT INTO fhirnotary_audit_journal_patient (patient, recorded_ms, id) VALUES (?, ?, ?)")) {
			boolean anyPatient = false;
			for (Sealed row : rows) {
				JournalEntry entry = row.entry();
				events.setString(1, entry.id());
				events.setLong(2, entry.recordedMillis());
				events.setString(3, JournalEntry.column(List.of(entry.type())));
				events.setString(4, JournalEntry.column(entry.subtypes()));
				events.setString(5, JournalEntry.column(List.of(entry.action())));
				events.setString(6, JournalEntry.column(List.of(entry.outcome())));
				events.setString(7, JournalEntry.column(entry.security()));
				events.setString(8, JournalEntry.column(entry.agents()));
				events.setString(9, JournalEntry.column(entry.entities()));
				events.setString(10, row.dataKeyId());
				events.setBytes(11, row.body());
				events.addBatch();
				for (String patient : entry.patients()) {
					patients.setString(1, patient);
					patients.setLong(2, entry.recordedMillis());
					patients.setString(3, entry.id());
					patients.addBatch();
					anyPatient = true;
				}
			}
			events.executeBatch();
			if (anyPatient) {
				patients.executeBatch();
			}
		}
	}

	Optional<Stored> find(String id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM fhirnotary_audit_journal j WHERE j.id = ?", STORED, id)
				.stream().findFirst();
	}

	/** The query's rows, ordered by {@code recorded} (then id), from {@code offset}, at most {@code limit}. */
	List<Stored> search(JournalQuery query, int offset, int limit) {
		if (query.matchesNothing() || limit <= 0) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM fhirnotary_audit_journal j WHERE 1 = 1");
		List<Object> arguments = new ArrayList<>();
		for (Set<String> anyOf : query.patients()) {
			sql.append(" AND j.id IN (SELECT p.id FROM fhirnotary_audit_journal_patient p WHERE p.patient IN (")
					.append(placeholders(anyOf.size())).append("))");
			arguments.addAll(anyOf);
		}
		for (JournalQuery.Match match : query.matches()) {
			sql.append(" AND (");
			for (int i = 0; i < match.anyOf().size(); i++) {
				JournalQuery.Value value = match.anyOf().get(i);
				sql.append(i == 0 ? "" : " OR ").append("j.").append(match.column().sql).append(" LIKE ? ESCAPE '!'");
				arguments.add(value.codeOnly() ? "% %|" + escaped(value.text()) + " %" : "% " + escaped(value.text()) + " %");
			}
			sql.append(")");
		}
		if (query.recordedFrom() != null) {
			sql.append(" AND j.recorded_ms >= ?");
			arguments.add(query.recordedFrom());
		}
		if (query.recordedBefore() != null) {
			sql.append(" AND j.recorded_ms < ?");
			arguments.add(query.recordedBefore());
		}
		if (query.ids() != null) {
			sql.append(" AND j.id IN (").append(placeholders(query.ids().size())).append(")");
			arguments.addAll(query.ids());
		}
		String direction = query.newestFirst() ? " DESC" : " ASC";
		sql.append(" ORDER BY j.recorded_ms").append(direction).append(", j.id").append(direction)
				.append(" LIMIT ? OFFSET ?");
		arguments.add(limit);
		arguments.add(offset);
		return jdbc.query(sql.toString(), STORED, arguments.toArray());
	}

	private static String placeholders(int count) {
		return String.join(", ", java.util.Collections.nCopies(count, "?"));
	}

	/** For LIKE with {@code ESCAPE '!'}: the value matches itself only. */
	private static String escaped(String value) {
		return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}
}
