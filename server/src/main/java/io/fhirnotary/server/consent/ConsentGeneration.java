package io.fhirnotary.server.consent;

import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A value that changes whenever any Consent is created, updated or deleted: the latest
 * {@code RES_UPDATED} among stored Consents, read from HAPI's resource table through its
 * type-and-date index. A cached search filtered under one generation is not reused under the next,
 * so a patient's new grant shows in the pharmacy's very next search; revocations need no help
 * (every shown resource is judged again at show time).
 *
 * <p>Read from the database, not counted in memory, so every server node sees the same value.
 * Two Consent writes within the same millisecond, or a transaction committing a Consent stamped
 * earlier than one already committed, leave the value unchanged; the cost is a grant that shows up
 * to HAPI's search reuse window (60 s) late, never a resource shown that should not be.
 */
final class ConsentGeneration {

	private static final String LATEST_CONSENT_WRITE =
			"SELECT MAX(RES_UPDATED) FROM HFJ_RESOURCE WHERE RES_TYPE = 'Consent'";

	private final JdbcTemplate jdbc;

	ConsentGeneration(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	String current() {
		Timestamp latest = jdbc.queryForObject(LATEST_CONSENT_WRITE, Timestamp.class);
		return latest == null ? "none" : Long.toString(latest.getTime()) + "." + latest.getNanos();
	}
}
