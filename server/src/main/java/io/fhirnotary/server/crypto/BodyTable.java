package io.fhirnotary.server.crypto;

import io.fhirnotary.interceptors.crypto.WrappedDataKey;
import io.fhirnotary.server.fhir.CommitTimeWork;
import io.fhirnotary.server.schema.SupportedDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fn_resource_body}: one ciphertext per stored resource version, read together with the
 * HAPI rows that must point at it and the wrapped data key that opens it — one query per batch.
 *
 * <p>Inside a database transaction the ciphertexts it writes wait until the transaction commits,
 * then go to the table in one JDBC batch on the transaction's own connection: a Synthea bundle
 * stores thousands of versions in one transaction and the audit writer dozens of AuditEvents, and
 * each had cost a statement and a round trip of its own. Nothing else changes: before this table
 * is read or deleted from inside the transaction, what the transaction wrote is written first, so
 * it always reads its own bodies; a rollback leaves no row either way; a failing batch fails the
 * commit.
 *
 * <p>One instance is shared by everything that reads and writes bodies (it holds the waiting rows).
 */
final class BodyTable {

	/** Addresses per query; keeps the IN list well under every driver's parameter limit. */
	static final int BATCH = 500;

	/**
	 * A stored body as the read path needs it. {@code resourceType}, {@code logicalId},
	 * {@code version} and {@code pointer} come from HAPI's own rows (null when no HAPI history row
	 * matches); {@code wrappedKey} is null when the data key was destroyed or is missing.
	 */
	record StoredBody(
			String address,
			String dataKeyId,
			byte[] ciphertext,
			String resourceType,
			String logicalId,
			Long version,
			String pointer,
			WrappedDataKey wrappedKey) {}

	/** A resource whose current version is encrypted with a given data key. */
	record CurrentResource(String resourceType, String logicalId) {}

	private record BodyRow(String address, long resourcePid, long version, String dataKeyId, byte[] ciphertext) {}

	private static final String POSTGRESQL_UPSERT =
			"INSERT INTO fn_resource_body (address, res_pid, res_ver, data_key_id, ciphertext) VALUES (?, ?, ?, ?, ?)"
					+ " ON CONFLICT (address) DO UPDATE SET res_pid = EXCLUDED.res_pid, res_ver = EXCLUDED.res_ver,"
					+ " data_key_id = EXCLUDED.data_key_id, ciphertext = EXCLUDED.ciphertext";
	private static final String H2_UPSERT =
			"MERGE INTO fn_resource_body (address, res_pid, res_ver, data_key_id, ciphertext) KEY (address)"
					+ " VALUES (?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;
	private final String upsert;

	/** The rows each open transaction has yet to write, written as it commits. */
	private final CommitTimeWork<WaitingRows> waitingRows;

	BodyTable(JdbcTemplate jdbc, EntityManagerFactory entityManagers, SupportedDatabase database) {
		this.jdbc = jdbc;
		this.waitingRows = new CommitTimeWork<>(entityManagers, WaitingRows::new, WaitingRows::writeWaiting);
		this.upsert = database == SupportedDatabase.POSTGRESQL ? POSTGRESQL_UPSERT : H2_UPSERT;
	}

	/**
	 * Stores a version's ciphertext: before the open transaction commits, or at once outside one.
	 * Idempotent: HAPI may announce the same version twice inside a transaction bundle, and the
	 * second (final) body replaces the first.
	 */
	void upsert(String address, long resourcePid, long version, String dataKeyId, byte[] ciphertext) {
		BodyRow row = new BodyRow(address, resourcePid, version, dataKeyId, ciphertext);
		waitingRows.ofThisTransaction().ifPresentOrElse(rows -> rows.add(row), () -> write(List.of(row)));
	}

	void delete(String address) {
		writeWaitingRows();
		jdbc.update("DELETE FROM fn_resource_body WHERE address = ?", address);
	}

	Map<String, StoredBody> load(Collection<String> addresses) {
		if (addresses.isEmpty()) {
			return Collections.emptyMap();
		}
		writeWaitingRows();
		Map<String, StoredBody> found = new HashMap<>(addresses.size() * 2);
		List<String> all = new ArrayList<>(addresses);
		for (int from = 0; from < all.size(); from += BATCH) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
			String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
			jdbc.query(
					"SELECT b.address, b.data_key_id, b.ciphertext, v.res_type, r.fhir_id, v.res_ver, v.res_text_vc,"
							+ " k.kek_id, k.wrapped_key"
							+ " FROM fn_resource_body b"
							+ " LEFT JOIN hfj_res_ver v ON v.res_id = b.res_pid AND v.res_ver = b.res_ver"
							+ " LEFT JOIN hfj_resource r ON r.res_id = b.res_pid"
							+ " LEFT JOIN fn_data_key k ON k.key_id = b.data_key_id"
							+ " WHERE b.address IN (" + placeholders + ")",
					rs -> {
						String dataKeyId = rs.getString(2);
						byte[] wrapped = rs.getBytes(9);
						String kekId = rs.getString(8);
						long version = rs.getLong(6);
						Long storedVersion = rs.wasNull() ? null : version;
						StoredBody body = new StoredBody(
								rs.getString(1),
								dataKeyId,
								rs.getBytes(3),
								rs.getString(4),
								rs.getString(5),
								storedVersion,
								rs.getString(7),
								wrapped == null || kekId == null ? null : new WrappedDataKey(dataKeyId, kekId, wrapped));
						found.put(body.address(), body);
					},
					chunk.toArray());
		}
		return found;
	}

	/** Resources whose current, not deleted version is encrypted with this data key. */
	List<CurrentResource> currentResourcesUnder(String dataKeyId) {
		writeWaitingRows();
		return jdbc.query(
				"SELECT r.res_type, r.fhir_id FROM fn_resource_body b"
						+ " JOIN hfj_resource r ON r.res_id = b.res_pid AND r.res_ver = b.res_ver"
						+ " WHERE b.data_key_id = ? AND r.res_deleted_at IS NULL",
				(rs, n) -> new CurrentResource(rs.getString(1), rs.getString(2)),
				dataKeyId);
	}

	/** What this thread's open transaction wrote and has not stored yet, stored now (before a read). */
	private void writeWaitingRows() {
		waitingRows.startedInThisTransaction().ifPresent(WaitingRows::writeWaiting);
	}

	/** One JDBC batch, on the connection of the transaction there is (JdbcTemplate joins it). */
	private void write(Collection<BodyRow> rows) {
		jdbc.batchUpdate(upsert, rows, rows.size(), (statement, row) -> {
			statement.setString(1, row.address());
			statement.setLong(2, row.resourcePid());
			statement.setLong(3, row.version());
			statement.setString(4, row.dataKeyId());
			statement.setBytes(5, row.ciphertext());
		});
	}

	/**
	 * The rows of one transaction, by address: the last body of a version wins, and a batch never
	 * names one row twice, which PostgreSQL refuses in a multi-row upsert.
	 */
	private final class WaitingRows {
		private final Map<String, BodyRow> waiting = new LinkedHashMap<>();

		void add(BodyRow row) {
			waiting.put(row.address(), row);
		}

		void writeWaiting() {
			if (!waiting.isEmpty()) {
				write(waiting.values());
				waiting.clear();
			}
		}
	}
}
