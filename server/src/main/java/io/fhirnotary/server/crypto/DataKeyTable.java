package io.fhirnotary.server.crypto;

import io.fhirnotary.interceptors.crypto.WrappedDataKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** {@code fn_data_key}: wrapped data keys, one per compartment; destroyed keys keep their row. */
final class DataKeyTable {

	/** A data key row; {@code wrapped} is null once the key was destroyed (crypto-shredded). */
	record StoredDataKey(String keyId, String compartment, WrappedDataKey wrapped) {

		boolean destroyed() {
			return wrapped == null;
		}
	}

	private static final String COLUMNS = "key_id, compartment, kek_id, wrapped_key";
	private static final RowMapper<StoredDataKey> ROW = DataKeyTable::row;

	private final JdbcTemplate jdbc;

	DataKeyTable(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredDataKey> byCompartment(String compartment) {
		return jdbc.query("SELECT " + COLUMNS + " FROM fn_data_key WHERE compartment = ?", ROW, compartment).stream()
				.findFirst();
	}

	Optional<StoredDataKey> byKeyId(String keyId) {
		return jdbc.query("SELECT " + COLUMNS + " FROM fn_data_key WHERE key_id = ?", ROW, keyId).stream().findFirst();
	}

	/** Inserts a new key; fails with a duplicate-key exception when the compartment has one already. */
	void insert(String compartment, WrappedDataKey wrapped) {
		jdbc.update(
				"INSERT INTO fn_data_key (key_id, compartment, kek_id, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?)",
				wrapped.dataKeyId(),
				compartment,
				wrapped.kekId(),
				wrapped.wrapped(),
				Timestamp.from(Instant.now()));
	}

	/** Live keys not wrapped by {@code kekId}, after {@code afterKeyId} in key-id order. */
	List<StoredDataKey> notWrappedBy(String kekId, String afterKeyId, int limit) {
		return jdbc.query(
				"SELECT " + COLUMNS + " FROM fn_data_key WHERE wrapped_key IS NOT NULL AND kek_id <> ? AND key_id > ?"
						+ " ORDER BY key_id FETCH FIRST " + limit + " ROWS ONLY",
				ROW,
				kekId,
				afterKeyId);
	}

	/** Live keys per KEK id. */
	Map<String, Long> countByKek() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		jdbc.query(
				"SELECT kek_id, count(*) FROM fn_data_key WHERE wrapped_key IS NOT NULL GROUP BY kek_id",
				(ResultSet rs) -> {
					counts.put(rs.getString(1), rs.getLong(2));
				});
		return counts;
	}

	/** Replaces the wrapping, unless the key changed meanwhile (re-wrapped elsewhere or destroyed). */
	boolean rewrap(WrappedDataKey from, WrappedDataKey to) {
		return jdbc.update(
						"UPDATE fn_data_key SET kek_id = ?, wrapped_key = ? WHERE key_id = ? AND kek_id = ?",
						to.kekId(),
						to.wrapped(),
						from.dataKeyId(),
						from.kekId())
				== 1;
	}

	/** Forgets the key material for good; the row stays as a tombstone. */
	boolean destroy(String keyId) {
		return jdbc.update(
						"UPDATE fn_data_key SET kek_id = NULL, wrapped_key = NULL, destroyed_at = ? WHERE key_id = ?"
								+ " AND wrapped_key IS NOT NULL",
						Timestamp.from(Instant.now()),
						keyId)
				== 1;
	}

	private static StoredDataKey row(ResultSet rs, int rowNumber) throws SQLException {
		String keyId = rs.getString("key_id");
		byte[] wrapped = rs.getBytes("wrapped_key");
		String kekId = rs.getString("kek_id");
		return new StoredDataKey(
				keyId,
				rs.getString("compartment"),
				wrapped == null || kekId == null ? null : new WrappedDataKey(keyId, kekId, wrapped));
	}
}
