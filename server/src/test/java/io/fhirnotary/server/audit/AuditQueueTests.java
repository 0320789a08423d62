package io.fhirnotary.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.audit.AuditAction;
import io.fhirnotary.interceptors.audit.AuditOutcome;
import io.fhirnotary.interceptors.audit.AuditRecord;
import io.fhirnotary.interceptors.identity.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/**
 * The queue's own logic: records in, their events built and stored off the calling thread. The
 * database side of storing is the audit journal's ({@code AuditJournalWriter}), exercised by the audit integration tests.
 */
class AuditQueueTests {

	private static final Caller PHARMACY = Caller.builder().clientId("pharmacy-app").scopes("system/MedicationRequest.rs").build();

	private static AuditRecord record(AuditAction action, String requestId) {
		return AuditRecord.builder(action, PHARMACY, AuditOutcome.ofHttpStatus(200), Instant.parse("2026-12-03T10:00:00Z"))
				.requestId(requestId)
				.build();
	}

	/** One event per record, its id the record's request id; threads that built them noted. */
	private static final class Builder {
		final List<String> threads = new CopyOnWriteArrayList<>();

		List<AuditEvent> eventsOf(AuditRecord record) {
			threads.add(Thread.currentThread().getName());
			if (record.requestId().equals("broken")) {
				throw new IllegalStateException("cannot build this one");
			}
			AuditEvent event = new AuditEvent();
			event.setId(record.requestId());
			return List.of(event);
		}
	}

	private static List<String> ids(List<List<AuditEvent>> batches) {
		List<String> ids = new ArrayList<>();
		batches.forEach(batch -> batch.forEach(event -> ids.add(event.getIdElement().getIdPart())));
		return ids;
	}

	@Test
	void buildsAndStoresTheEventsOfQueuedRecordsOnItsOwnThreadAndDrainsOnClose() throws Exception {
		List<List<AuditEvent>> stored = new CopyOnWriteArrayList<>();
		Builder builder = new Builder();
		AuditQueue queue = new AuditQueue(batch -> stored.add(List.copyOf(batch)), builder::eventsOf);

		queue.submit(record(AuditAction.SEARCH, "r1"));
		queue.submit(record(AuditAction.READ, "r2"));
		queue.submit(record(AuditAction.SEARCH, "r3"));
		queue.close();

		assertThat(ids(stored)).containsExactly("r1", "r2", "r3");
		assertThat(builder.threads).containsOnly("audit-writer");
		assertThat(queue.backlog()).isZero();
	}

	@Test
	void aRecordThatCannotBeBuiltCostsOnlyItsOwnEvents() throws Exception {
		List<List<AuditEvent>> stored = new CopyOnWriteArrayList<>();
		AuditQueue queue = new AuditQueue(batch -> stored.add(List.copyOf(batch)), new Builder()::eventsOf);

		queue.submit(record(AuditAction.SEARCH, "before"));
		queue.submit(record(AuditAction.SEARCH, "broken"));
		queue.submit(record(AuditAction.SEARCH, "after"));
		queue.close();

		assertThat(ids(stored)).containsExactly("before", "after");
	}

	@Test
	void afterCloseRecordsAreStoredAtOnceOnTheCallersThread() throws Exception {
		List<List<AuditEvent>> stored = new CopyOnWriteArrayList<>();
		Builder builder = new Builder();
		AuditQueue queue = new AuditQueue(batch -> stored.add(List.copyOf(batch)), builder::eventsOf);
		queue.close();

		queue.submit(record(AuditAction.READ, "late"));

		assertThat(ids(stored)).containsExactly("late");
		assertThat(builder.threads).containsExactly(Thread.currentThread().getName());
	}
}
