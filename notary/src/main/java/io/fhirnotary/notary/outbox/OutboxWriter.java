package io.fhirnotary.notary.outbox;

import io.fhirnotary.notary.leaf.NotaryLeaf;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Appends a committed resource version to the notary outbox, on the caller's connection so the row
 * commits or rolls back with the write itself (transactional outbox). Written to the outbox is not
 * anchored: the anchorer takes it from here.
 */
public final class OutboxWriter {

	static final String INSERT = "INSERT INTO fhirnotary_outbox "
			+ "(resource_type, resource_id, version_id, operation, leaf_hash, captured_at_ms, state) "
			+ "VALUES (?, ?, ?, ?, ?, ?, 'PENDING')";

	private OutboxWriter() {
	}

	/**
	 * @param connection the connection of the transaction that writes the version
	 * @throws SQLException also when the version already has a row (one row per version, enforced
	 *         by a unique constraint)
	 */
	public static void append(Connection connection, NotaryLeaf leaf, long capturedAtMillis) throws SQLException {
		appendAll(connection, java.util.List.of(leaf), capturedAtMillis);
	}

	/**
	 * As {@link #append}, for all the versions one transaction wrote, in one JDBC batch (one round
	 * trip instead of one per version: a bundle or a batch of AuditEvents writes hundreds).
	 */
	public static void appendAll(Connection connection, java.util.Collection<NotaryLeaf> leaves, long capturedAtMillis)
			throws SQLException {
		if (leaves.isEmpty()) {
			return;
		}
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			for (NotaryLeaf leaf : leaves) {
				insert.setString(1, leaf.resourceType());
				insert.setString(2, leaf.logicalId());
				insert.setString(3, leaf.versionId());
				insert.setString(4, leaf.operation().wireName());
				insert.setString(5, HexFormat.of().formatHex(leaf.leafHash()));
				insert.setLong(6, capturedAtMillis);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}
}
