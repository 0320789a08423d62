package io.fhirnotary.server.notary;

import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the clear salts that V30's {@code fhirnotary_notary_salt} held (written before V31) into
 * {@code fhirnotary_notary_sealed_salt}, sealed under the data key of the version's body (or, for a
 * deletion, of the latest earlier version's body; the shared key when there is none), and deletes
 * them. A salt whose key was destroyed meanwhile (a patient erased before the upgrade) is deleted
 * without being sealed: it is erased, as it would have been had it been sealed from the start.
 * Runs at start-up, a page per transaction; nothing to do on a database created after V31.
 */
final class LegacySaltSealing {

	private static final Logger log = LoggerFactory.getLogger(LegacySaltSealing.class);
	private static final int PAGE = 500;

	private record ClearSalt(String resourceType, String logicalId, String versionId, String saltHex) {
	}

	private final JdbcTemplate jdbc;
	private final VersionSecretKeys keys;
	private final TransactionTemplate transaction;

	LegacySaltSealing(JdbcTemplate jdbc, VersionSecretKeys keys, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.transaction = transaction;
	}

	/** @return how many clear salts were removed (sealed or, when erased, dropped) */
	int sealAll() {
		int done = 0;
		int page;
		do {
			page = transaction.execute(status -> sealPage());
			done += page;
		} while (page == PAGE);
		if (done > 0) {
			log.info("notary: {} clear leaf salts of V30 sealed under their versions' data keys and removed", done);
		}
		return done;
	}

	private int sealPage() {
		List<ClearSalt> page = jdbc.query("SELECT resource_type, resource_id, version_id, salt FROM fhirnotary_notary_salt "
				+ "ORDER BY resource_type, resource_id, version_id FETCH FIRST " + PAGE + " ROWS ONLY",
				(row, n) -> new ClearSalt(row.getString(1), row.getString(2), row.getString(3), row.getString(4).trim()));
		for (ClearSalt clear : page) {
			Optional<DataKey> key = keyOfBody(clear);
			key.ifPresent(dataKey -> {
				NotarySalts.Sealed sealed = NotarySalts.seal(dataKey, clear.resourceType(), clear.logicalId(), clear.versionId(),
						HexFormat.of().parseHex(clear.saltHex()));
				jdbc.update("INSERT INTO fhirnotary_notary_sealed_salt (resource_type, resource_id, version_id, data_key_id, "
						+ "sealed_salt) VALUES (?, ?, ?, ?, ?)", clear.resourceType(), clear.logicalId(), clear.versionId(),
						sealed.dataKeyId(), sealed.ciphertext());
			});
			jdbc.update("DELETE FROM fhirnotary_notary_salt WHERE resource_type = ? AND resource_id = ? AND version_id = ?",
					clear.resourceType(), clear.logicalId(), clear.versionId());
		}
		return page.size();
	}

	/** The key of the version's encrypted body, or of the latest earlier one; empty when that key was destroyed. */
	private Optional<DataKey> keyOfBody(ClearSalt clear) {
		long version;
		try {
			version = Long.parseLong(clear.versionId());
		} catch (NumberFormatException e) {
			return Optional.of(keys.shared());
		}
		List<String> keyIds = jdbc.queryForList("SELECT b.data_key_id FROM fn_resource_body b JOIN hfj_resource r ON r.res_id = b.res_pid "
				+ "WHERE r.res_type = ? AND r.fhir_id = ? AND b.res_ver <= ? ORDER BY b.res_ver DESC FETCH FIRST 1 ROWS ONLY",
				String.class, clear.resourceType(), clear.logicalId(), version);
		return keyIds.isEmpty() ? Optional.of(keys.shared()) : keys.forOpening(keyIds.get(0));
	}
}
