package io.fhirnotary.server.notary;

import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;

/**
 * The per-version leaf salts ({@code fhirnotary_notary_sealed_salt}, V31). A salt is drawn once when
 * a version is captured, sealed (AES-256-GCM, associated data binding type, id and version) under
 * the data key of the version's compartment — the key its encrypted body uses — and stored on the
 * write's connection, so it commits or rolls back with the version. Destroying the key
 * ({@code $crypto-shred}) leaves a sealed salt nobody can open: the version is unlinked from its
 * leaf. The salt stays secret until a receipt is handed out.
 */
final class NotarySalts {

	private static final SecureRandom RANDOM = new SecureRandom();
	/** Domain of the associated data: a salt ciphertext is never mistaken for a body's (fhir-notary/body/v1). */
	private static final String CONTEXT = "fhir-notary/salt/v1";

	/** A salt as stored: sealed, and the id of the data key that opens it. */
	record Sealed(String dataKeyId, byte[] ciphertext) {
	}

	/** What the table says about a version's salt. */
	enum State {
		/** opened: {@link Lookup#salt()} holds it */
		FOUND,
		/** sealed under a data key that was destroyed: the version was erased */
		ERASED,
		/** no row: never captured, or the row was deleted */
		MISSING,
		/** the sealed salt fails its integrity check (changed or moved to another version) */
		ALTERED
	}

	record Lookup(State state, byte[] salt) {
		static Lookup of(State state) {
			return new Lookup(state, null);
		}
	}

	private NotarySalts() {
	}

	static byte[] fresh() {
		byte[] salt = new byte[NotaryLeaf.SALT_LENGTH];
		RANDOM.nextBytes(salt);
		return salt;
	}

	static Sealed seal(DataKey key, String resourceType, String logicalId, String versionId, byte[] salt) {
		return new Sealed(key.id(), key.encrypt(salt, associatedData(resourceType, logicalId, versionId)));
	}

	/** One JDBC batch for all versions of a transaction. */
	static void storeAll(Connection connection, Collection<CapturedVersion> versions) throws SQLException {
		if (versions.isEmpty()) {
			return;
		}
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO fhirnotary_notary_sealed_salt "
				+ "(resource_type, resource_id, version_id, data_key_id, sealed_salt) VALUES (?, ?, ?, ?, ?)")) {
			for (CapturedVersion version : versions) {
				NotaryLeaf leaf = version.leaf();
				insert.setString(1, leaf.resourceType());
				insert.setString(2, leaf.logicalId());
				insert.setString(3, leaf.versionId());
				insert.setString(4, version.salt().dataKeyId());
				insert.setBytes(5, version.salt().ciphertext());
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	static Lookup find(Connection connection, VersionSecretKeys keys, String resourceType, String logicalId, String versionId)
			throws SQLException {
		Sealed sealed;
		try (PreparedStatement select = connection.prepareStatement("SELECT data_key_id, sealed_salt FROM fhirnotary_notary_sealed_salt "
				+ "WHERE resource_type = ? AND resource_id = ? AND version_id = ?")) {
			select.setString(1, resourceType);
			select.setString(2, logicalId);
			select.setString(3, versionId);
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					return Lookup.of(State.MISSING);
				}
				sealed = new Sealed(row.getString(1), row.getBytes(2));
			}
		}
		Optional<DataKey> key = keys.forOpening(sealed.dataKeyId());
		if (key.isEmpty()) {
			return Lookup.of(State.ERASED);
		}
		try {
			byte[] salt = key.get().decrypt(sealed.ciphertext(), associatedData(resourceType, logicalId, versionId));
			return salt.length == NotaryLeaf.SALT_LENGTH ? new Lookup(State.FOUND, salt) : Lookup.of(State.ALTERED);
		} catch (InvalidCiphertextException e) {
			return Lookup.of(State.ALTERED);
		}
	}

	/** {@code fhir-notary/salt/v1 NUL type NUL id NUL version}; FHIR types, ids and versions never hold NUL. */
	private static byte[] associatedData(String resourceType, String logicalId, String versionId) {
		return (CONTEXT + '\0' + resourceType + '\0' + logicalId + '\0' + versionId).getBytes(StandardCharsets.UTF_8);
	}
}
