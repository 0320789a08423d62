package io.fhirnotary.server.audit.journal;

import io.fhirnotary.interceptors.crypto.DataKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Notarises journal events like resource versions (DESIGN §6): a leaf per event in the outbox and
 * its salt sealed, on the connection of the transaction that appends the events. Implemented by the
 * notary when it is on ({@code io.fhirnotary.server.notary.JournalCapture}); without it the journal
 * is written alone, as HAPI's resources are.
 */
public interface JournalNotary {

	/**
	 * A journal event as a version: {@code AuditEvent/id/_history/1}, created with this JSON (what
	 * a read of it returns), its salt to be sealed under this key.
	 */
	record JournalVersion(String id, String json, DataKey sealingKey) {
	}

	void capture(Connection connection, List<JournalVersion> versions) throws SQLException;
}
