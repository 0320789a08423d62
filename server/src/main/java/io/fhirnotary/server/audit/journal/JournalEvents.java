package io.fhirnotary.server.audit.journal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import io.fhirnotary.interceptors.crypto.BodyCipher;
import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.interceptors.crypto.ResourceVersion;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journal events as FHIR: finds and searches the journal and opens each body. A body is checked
 * before it is shown: its key id, then the AEAD over type, the row's id and version 1, so a body
 * moved to another row, or changed, fails; that is an error for the request (500, logged with the
 * id only), never a silently missing or garbled event.
 */
public final class JournalEvents {

	private static final Logger log = LoggerFactory.getLogger(JournalEvents.class);

	private final AuditJournal journal;
	private final VersionSecretKeys keys;
	private final FhirContext fhirContext;

	public JournalEvents(org.springframework.jdbc.core.JdbcTemplate jdbc, VersionSecretKeys keys, FhirContext fhirContext) {
		this.journal = new AuditJournal(jdbc);
		this.keys = keys;
		this.fhirContext = fhirContext;
	}

	/** True for an id the journal gives (other AuditEvents are HAPI's). */
	public static boolean isJournalId(String id) {
		return JournalIds.isJournalId(id);
	}

	/** The event with this id, opened; empty when there is none. */
	public Optional<AuditEvent> find(String id) {
		if (!isJournalId(id)) {
			return Optional.empty();
		}
		return journal.find(id).map(row -> open(row, new HashMap<>()));
	}

	List<AuditEvent> search(JournalQuery query, int offset, int limit) {
		// the events of a page share one or two data keys: each is looked up once per page
		Map<String, Optional<DataKey>> keysOfPage = new HashMap<>();
		return journal.search(query, offset, limit).stream().map(row -> open(row, keysOfPage)).toList();
	}

	private AuditEvent open(AuditJournal.Stored row, Map<String, Optional<DataKey>> keysOfPage) {
		ResourceVersion version = new ResourceVersion("AuditEvent", row.id(), 1);
		try {
			String namedKey = BodyCipher.dataKeyIdOf(row.body());
			if (!namedKey.equals(row.dataKeyId())) {
				throw unreadable(row.id(), "names data key " + namedKey + " but is filed under " + row.dataKeyId());
			}
			Optional<DataKey> key = keysOfPage.computeIfAbsent(row.dataKeyId(), keys::forOpening);
			if (key.isEmpty()) {
				throw new ResourceGoneException("Resource AuditEvent/" + row.id() + " was erased (its data key was destroyed)");
			}
			String json = new String(BodyCipher.decrypt(key.get(), version, row.body()), StandardCharsets.UTF_8);
			AuditEvent event = fhirContext.newJsonParser().parseResource(AuditEvent.class, json);
			event.setId(new IdType("AuditEvent", row.id(), "1"));
			return event;
		} catch (InvalidCiphertextException e) {
			throw unreadable(row.id(), e.getMessage());
		}
	}

	private static InternalErrorException unreadable(String id, String reason) {
		// Ids and key ids only: no content, no key material.
		log.error("Journal AuditEvent {} failed its integrity check: {}", id, reason);
		return new InternalErrorException("A stored resource failed its integrity check");
	}
}
