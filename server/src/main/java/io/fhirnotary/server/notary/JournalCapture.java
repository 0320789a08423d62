package io.fhirnotary.server.notary;

import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.outbox.OutboxWriter;
import io.fhirnotary.server.audit.journal.JournalNotary;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Notary capture for the audit journal: each journal event is a created version
 * ({@code AuditEvent/id/_history/1}) with a fresh salt, sealed under the event's key, and a leaf over
 * the JSON a read of it returns — the same leaf, outbox row and sealed salt as
 * {@link NotaryCaptureHooks} writes for a HAPI resource, so {@code $verify}, receipts and the
 * re-verification job treat both alike.
 */
final class JournalCapture implements JournalNotary {

	private static final String AUDIT_EVENT = "AuditEvent";
	private static final String VERSION = "1";

	@Override
	public void capture(Connection connection, List<JournalVersion> versions) throws SQLException {
		List<NotaryLeaf> leaves = new ArrayList<>(versions.size());
		List<CapturedVersion> captured = new ArrayList<>(versions.size());
		for (JournalVersion version : versions) {
			byte[] salt = NotarySalts.fresh();
			NotaryLeaf leaf = NotaryLeaf.ofVersion(salt, AUDIT_EVENT, version.id(), VERSION, Operation.CREATE, version.json());
			leaves.add(leaf);
			captured.add(new CapturedVersion(leaf, NotarySalts.seal(version.sealingKey(), AUDIT_EVENT, version.id(), VERSION, salt)));
		}
		OutboxWriter.appendAll(connection, leaves, System.currentTimeMillis());
		NotarySalts.storeAll(connection, captured);
	}
}
