package io.fhirnotary.server.audit;

import io.fhirnotary.interceptors.audit.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and stores the AuditEvents of reads, searches and refusals off the request thread, many
 * per database transaction, in the audit journal. The request thread queues only the immutable {@link AuditRecord} of
 * what happened: building the FHIR events from it and storing them would hold up the end of the
 * response (this runs before the servlet returns) and gains nothing, and storing them one
 * transaction at a time loses a lot under load. Writes are not queued: their events commit with
 * them.
 *
 * <p>Never drops: when the queue is full, the request thread waits (back-pressure) rather than
 * lose an audit record. On shutdown the queue is drained before the application context closes.
 */
final class AuditQueue implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuditQueue.class);
	private static final int CAPACITY = 10_000;
	private static final int BATCH = 500;

	/**
	 * How long the writer waits for more events after the first of a batch. Each batch is one
	 * transaction (commit, outbox rows, index writes), which costs about as much as several events;
	 * at a pharmacy's pace of a few dozen pulls a second, waiting this long gathers them into one
	 * transaction instead of one each. The events are already out of the request's way.
	 */
	static final long LINGER_MILLIS = 100;

	private final Consumer<List<AuditEvent>> writer;
	private final Function<AuditRecord, List<AuditEvent>> events;
	private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
	private final Thread worker;
	private volatile boolean closing;

	/**
	 * @param writer stores a batch of events in one transaction (the audit journal's
	 *               {@link io.fhirnotary.server.audit.journal.AuditJournalWriter#append(List)})
	 * @param events builds a record's AuditEvents ({@link AuditTrailRecorder#eventsOf})
	 */
	AuditQueue(Consumer<List<AuditEvent>> writer, Function<AuditRecord, List<AuditEvent>> events) {
		this.writer = writer;
		this.events = events;
		this.worker = new Thread(this::run, "audit-writer");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	/** Queues the record; waits while the queue is full. After {@link #close()}, stores its events directly. */
	void submit(AuditRecord record) {
		if (closing) {
			storeNow(record);
			return;
		}
		try {
			queue.put(record);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			storeNow(record);
		}
	}

	/** On the caller's thread, in a transaction of its own; failures reach the caller. */
	private void storeNow(AuditRecord record) {
		writer.accept(events.apply(record));
	}

	/** How many records wait for their events to be stored (for tests and metrics). */
	int backlog() {
		return queue.size();
	}

	private void run() {
		List<AuditRecord> batch = new ArrayList<>(BATCH);
		List<AuditEvent> built = new ArrayList<>(BATCH);
		while (!closing || !queue.isEmpty()) {
			try {
				AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				gatherMore(batch);
				for (AuditRecord record : batch) {
					buildInto(built, record);
				}
				writer.accept(built);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			} catch (RuntimeException e) {
				// No message: it could quote resource content. The count and type say what was lost.
				log.error("Could not store the audit events of {} requests ({})", batch.size(), e.getClass().getSimpleName());
			} finally {
				batch.clear();
				built.clear();
			}
		}
	}

	/** One record that cannot be built costs its own events, not the batch's. */
	private void buildInto(List<AuditEvent> built, AuditRecord record) {
		try {
			built.addAll(events.apply(record));
		} catch (RuntimeException e) {
			// No message: it could quote request details. The action and type say what was lost.
			log.error("Could not build the audit events of a {} request ({})", record.action(), e.getClass().getSimpleName());
		}
	}

	/** Adds what arrives within {@link #LINGER_MILLIS} of the first record, up to {@link #BATCH}. */
	private void gatherMore(List<AuditRecord> batch) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
		while (batch.size() < BATCH) {
			queue.drainTo(batch, BATCH - batch.size());
			long left = deadline - System.nanoTime();
			if (batch.size() >= BATCH || left <= 0 || closing) {
				return;
			}
			AuditRecord next = queue.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				return;
			}
			batch.add(next);
		}
	}

	/**
	 * Stores what is queued, then stops. Bounded: if the database is already gone, waiting for a
	 * connection must not hold the shutdown up; what could not be stored is counted in the log.
	 */
	@Override
	public void close() throws InterruptedException {
		closing = true;
		worker.join(TimeUnit.SECONDS.toMillis(10));
		if (worker.isAlive()) {
			worker.interrupt();
			log.error("Stopped with the audit events of {} requests not stored", queue.size());
		}
	}
}
