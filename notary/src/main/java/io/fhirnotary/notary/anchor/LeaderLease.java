package io.fhirnotary.notary.anchor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The anchorer's leader, chosen through the database so that N server nodes anchor exactly once:
 * a node leads while it holds an unexpired lease in {@code fhirnotary_notary_leader}. Every write
 * of the leader first {@link #fence fences} on its term, so a node whose lease lapsed (a long pause)
 * cannot write on after another node took over.
 */
public final class LeaderLease {

	static final String NAME = "anchorer";

	private final DataSource dataSource;
	private final String nodeId;
	private final long leaseMillis;

	public LeaderLease(DataSource dataSource, String nodeId, long leaseMillis) {
		this.dataSource = dataSource;
		this.nodeId = nodeId;
		this.leaseMillis = leaseMillis;
	}

	public String nodeId() {
		return nodeId;
	}

	/** Takes the lease when it is free or expired, or renews our own. @return our term if we lead */
	public Optional<Long> acquire(long nowMillis) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			try (PreparedStatement update = connection.prepareStatement("UPDATE fhirnotary_notary_leader "
					+ "SET term = CASE WHEN holder = ? THEN term ELSE term + 1 END, holder = ?, lease_until_ms = ? "
					+ "WHERE name = ? AND (holder = ? OR holder IS NULL OR lease_until_ms < ?)")) {
				update.setString(1, nodeId);
				update.setString(2, nodeId);
				update.setLong(3, nowMillis + leaseMillis);
				update.setString(4, NAME);
				update.setString(5, nodeId);
				update.setLong(6, nowMillis);
				if (update.executeUpdate() != 1) {
					return Optional.empty();
				}
			}
			try (PreparedStatement select = connection.prepareStatement(
					"SELECT term FROM fhirnotary_notary_leader WHERE name = ? AND holder = ?")) {
				select.setString(1, NAME);
				select.setString(2, nodeId);
				try (ResultSet rows = select.executeQuery()) {
					return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
				}
			}
		}
	}

	/**
	 * Inside the caller's transaction: extends the lease and locks the leader row until commit, or
	 * fails when this node no longer holds the term.
	 */
	public void fence(Connection connection, long term, long nowMillis) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("UPDATE fhirnotary_notary_leader SET lease_until_ms = ? "
				+ "WHERE name = ? AND holder = ? AND term = ?")) {
			update.setLong(1, nowMillis + leaseMillis);
			update.setString(2, NAME);
			update.setString(3, nodeId);
			update.setLong(4, term);
			if (update.executeUpdate() != 1) {
				throw new LostLeadershipException(nodeId + " no longer leads the anchorer (term " + term + ")");
			}
		}
	}

	/** Gives the lease up (orderly shutdown) so another node can take over without waiting. */
	public void release() throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement update = connection.prepareStatement(
						"UPDATE fhirnotary_notary_leader SET holder = NULL, lease_until_ms = 0 WHERE name = ? AND holder = ?")) {
			connection.setAutoCommit(true);
			update.setString(1, NAME);
			update.setString(2, nodeId);
			update.executeUpdate();
		}
	}

	public static final class LostLeadershipException extends SQLException {
		private static final long serialVersionUID = 1L;

		public LostLeadershipException(String message) {
			super(message);
		}
	}
}
