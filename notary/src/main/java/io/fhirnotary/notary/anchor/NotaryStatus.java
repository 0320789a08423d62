package io.fhirnotary.notary.anchor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The notary's state for {@code $notary-status}: backlog per state, the last mined anchor and the
 * anchorer's leader. The chain head comes from the chain, not from here.
 *
 * @param versionsByState outbox rows per state (PENDING is the backlog)
 * @param lastAnchor the most recent mined batch, null when none
 * @param leader the node holding the anchorer lease, null when none
 * @param leaseUntilMillis when that lease expires
 */
public record NotaryStatus(Map<String, Long> versionsByState, AnchorBatch lastAnchor, String leader, long leaseUntilMillis) {

	public long backlog() {
		return versionsByState.getOrDefault("PENDING", 0L);
	}

	public static NotaryStatus read(Connection connection) throws SQLException {
		Map<String, Long> counts = new HashMap<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT state, COUNT(*) FROM fhirnotary_outbox GROUP BY state");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
		}
		AnchorBatch last = null;
		try (PreparedStatement select = connection.prepareStatement("SELECT id FROM fhirnotary_anchor_batch "
				+ "WHERE state IN ('CONFIRMED', 'FINAL') ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
				ResultSet rows = select.executeQuery()) {
			if (rows.next()) {
				last = BatchRepository.find(connection, rows.getLong(1));
			}
		}
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT holder, lease_until_ms FROM fhirnotary_notary_leader WHERE name = ?")) {
			select.setString(1, LeaderLease.NAME);
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return new NotaryStatus(Map.copyOf(counts), last, rows.getString(1), rows.getLong(2));
			}
		}
	}
}
