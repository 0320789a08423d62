package io.fhirnotary.server.notary;

import io.fhirnotary.notary.leaf.NotaryLeaf;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The per-version leaf salts ({@code fhirnotary_notary_salt}, V30). A salt is drawn once when a
 * version is captured and stored on the write's connection, so it commits or rolls back with the
 * version; it is secret until a receipt is handed out.
 */
final class NotarySalts {

	private static final HexFormat HEX = HexFormat.of();
	private static final SecureRandom RANDOM = new SecureRandom();

	private NotarySalts() {
	}

	static byte[] fresh() {
		byte[] salt = new byte[NotaryLeaf.SALT_LENGTH];
		RANDOM.nextBytes(salt);
		return salt;
	}

	static void storeAll(Connection connection, Collection<NotaryLeaf> leaves) throws SQLException {
		if (leaves.isEmpty()) {
			return;
		}
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO fhirnotary_notary_salt (resource_type, resource_id, version_id, salt) VALUES (?, ?, ?, ?)")) {
			for (NotaryLeaf leaf : leaves) {
				insert.setString(1, leaf.resourceType());
				insert.setString(2, leaf.logicalId());
				insert.setString(3, leaf.versionId());
				insert.setString(4, HEX.formatHex(leaf.salt()));
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	static Optional<byte[]> find(Connection connection, String resourceType, String logicalId, String versionId)
			throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT salt FROM fhirnotary_notary_salt WHERE resource_type = ? AND resource_id = ? AND version_id = ?")) {
			select.setString(1, resourceType);
			select.setString(2, logicalId);
			select.setString(3, versionId);
			try (ResultSet row = select.executeQuery()) {
				return row.next() ? Optional.of(HEX.parseHex(row.getString(1).trim())) : Optional.empty();
			}
		}
	}
}
