package io.fhirnotary.server.audit.journal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.fhirnotary.interceptors.crypto.BodyCipher;
import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.ResourceVersion;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.fhirnotary.interceptors.blindindex.BlindTokens;
import io.fhirnotary.interceptors.blindindex.Normaliser;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends AuditEvents to the journal — those of reads, searches and refusals in batches of their
 * own, those of writes in the write's transaction: each gets a journal id and version 1,
 * is encoded once, encrypted under the shared data key (the audit trail outlives a patient's
 * crypto-shredding, as AuditEvents stored by HAPI do: they hold references, not clinical content),
 * and notarised in the same transaction. Nothing goes through HAPI's create path: no index
 * extraction, no resource and history rows, no reference resolution — that path cost three
 * quarters of what protected mode added to each pull (docs/BENCHMARKS.md, session 11).
 */
public final class AuditJournalWriter {

	private static final String AUDIT_EVENT = "AuditEvent";
	private static final String VERSION = "1";

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transactions;
	private final VersionSecretKeys keys;
	private final FhirContext fhirContext;
	private final PatientOfResource patientOf;
	private final Optional<JournalNotary> notary;
	private final UnaryOperator<String> blindCode;
	private final Clock clock;

	public AuditJournalWriter(JdbcTemplate jdbc, TransactionTemplate transactions, VersionSecretKeys keys,
			FhirContext fhirContext, BlindTokens tokens, Optional<JournalNotary> notary, Clock clock) {
		this.blindCode = code -> tokens.blind(code, Normaliser.EXACT);
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.keys = keys;
		this.fhirContext = fhirContext;
		this.patientOf = new PatientOfResource(fhirContext);
		this.notary = notary;
		this.clock = clock;
	}

	/** Stores the events (given their ids and meta here) in one transaction of their own: reads, searches, refusals. */
	public void append(List<AuditEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		Sealed sealed = seal(events);
		transactions.executeWithoutResult(status -> write(sealed));
	}

	/**
	 * Stores the events in the caller's open database transaction (a write's, just before it
	 * commits), so that they commit or roll back with it.
	 */
	public void appendInCurrentTransaction(List<AuditEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("a write's AuditEvents must be stored in the write's transaction");
		}
		write(seal(events));
	}

	private record Sealed(List<AuditJournal.Sealed> rows, List<JournalNotary.JournalVersion> versions) {
	}

	private Sealed seal(List<AuditEvent> events) {
		long now = clock.millis();
		DataKey key = keys.shared();
		IParser json = fhirContext.newJsonParser();
		List<AuditJournal.Sealed> rows = new ArrayList<>(events.size());
		List<JournalNotary.JournalVersion> versions = new ArrayList<>(events.size());
		for (AuditEvent event : events) {
			String id = JournalIds.next(now);
			event.setId(new IdType(AUDIT_EVENT, id, VERSION));
			event.getMeta().setVersionId(VERSION).setLastUpdated(new Date(now));
			String body = json.encodeResourceToString(event);
			byte[] ciphertext = BodyCipher.encrypt(key, new ResourceVersion(AUDIT_EVENT, id, 1), body.getBytes(StandardCharsets.UTF_8));
			rows.add(new AuditJournal.Sealed(JournalEntry.of(event, patientOf, blindCode), key.id(), ciphertext));
			versions.add(new JournalNotary.JournalVersion(id, body, key));
		}
		return new Sealed(rows, versions);
	}

	/** On the transaction's own connection ({@link JdbcTemplate} joins it). */
	private void write(Sealed sealed) {
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			AuditJournal.append(connection, sealed.rows());
			if (notary.isPresent()) {
				notary.get().capture(connection, sealed.versions());
			}
			return null;
		});
	}
}
