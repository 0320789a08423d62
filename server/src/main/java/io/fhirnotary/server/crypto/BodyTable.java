package io.fhirnotary.server.crypto;

import io.fhirnotary.interceptors.crypto.WrappedDataKey;
import io.fhirnotary.server.schema.SupportedDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fn_resource_body}: one ciphertext per stored resource version, read together with the
 * HAPI rows that must point at it and the wrapped data key that opens it — one query per batch.
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

	private static final String POSTGRESQL_UPSERT =
			"INSERT INTO fn_resource_body (address, res_pid, res_ver, data_key_id, ciphertext) VALUES (?, ?, ?, ?, ?)"
					+ " ON CONFLICT (address) DO UPDATE SET res_pid = EXCLUDED.res_pid, res_ver = EXCLUDED.res_ver,"
					+ " data_key_id = EXCLUDED.data_key_id, ciphertext = EXCLUDED.ciphertext";
	private static final String H2_UPSERT =
			"MERGE INTO fn_resource_body (address, res_pid, res_ver, data_key_id, ciphertext) KEY (address)"
					+ " VALUES (?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;
	private final String upsert;

	BodyTable(JdbcTemplate jdbc, SupportedDatabase database) {
		this.jdbc = jdbc;
		this.upsert = database == SupportedDatabase.POSTGRESQL ? POSTGRESQL_UPSERT : H2_UPSERT;
	}

	/**
	 * Stores a version's ciphertext in one statement. Idempotent: HAPI may announce the same
	 * version twice inside a transaction bundle, and the second (final) body replaces the first.
	 */
	void upsert(String address, long resourcePid, long version, String dataKeyId, byte[] ciphertext) {
		jdbc.update(upsert, address, resourcePid, version, dataKeyId, ciphertext);
	}

	void delete(String address) {
		jdbc.update("DELETE FROM fn_resource_body WHERE address = ?", address);
	}

	Map<String, StoredBody> load(Collection<String> addresses) {
		if (addresses.isEmpty()) {
			return Collections.emptyMap();
		}
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
		return jdbc.query(
				"SELECT r.res_type, r.fhir_id FROM fn_resource_body b"
						+ " JOIN hfj_resource r ON r.res_id = b.res_pid AND r.res_ver = b.res_ver"
						+ " WHERE b.data_key_id = ? AND r.res_deleted_at IS NULL",
				(rs, n) -> new CurrentResource(rs.getString(1), rs.getString(2)),
				dataKeyId);
	}
}
