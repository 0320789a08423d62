package io.fhirnotary.server.consent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A counter that every Consent create, update and delete advances inside its own database
 * transaction ({@link ConsentGenerationHooks}), so it becomes visible exactly when the Consent
 * write does. A request reads it once ({@link RequestScope#consentGeneration}); a cached search
 * filtered under one generation, and a patient's Consents cached under one, are used only by
 * requests that read the same generation. So a patient's grant shows in the pharmacy's very next
 * search, and a revocation hides on the very next request, on every server node: the counter
 * lives in the shared database, not in memory.
 *
 * <p>Exact where the latest {@code RES_UPDATED} among Consents (used before) was not: two Consent
 * writes within one millisecond, or a transaction committing a Consent stamped earlier than one
 * already committed, left that value unchanged.
 */
final class ConsentGeneration {

	/**
	 * With a bind parameter, though the row is always 1: every request reads the generation, and
	 * the PostgreSQL driver keeps a server-side prepared statement only for parameterised SQL. As a
	 * plain statement it was parsed and planned on every request, which made it the second most
	 * costly statement of a pharmacy pull in the database (after the commits).
	 */
	static final String READ = "SELECT generation FROM fhirnotary_consent_generation WHERE id = ?";

	/** The table's only row. */
	static final long ROW = 1;

	static final String ADVANCE = "UPDATE fhirnotary_consent_generation SET generation = generation + 1 WHERE id = ?";

	/** The thread-resource key marking a transaction that advanced the generation. */
	private static final Object ADVANCED = new Object();

	private final JdbcTemplate jdbc;

	ConsentGeneration(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	String current() {
		Long generation = jdbc.queryForObject(READ, Long.class, ROW);
		return Long.toString(generation == null ? 0 : generation);
	}

	/**
	 * Joins the caller's transaction: the advance commits or rolls back with the Consent write.
	 * Until then the transaction sees a generation that no other reader sees, with Consents HAPI
	 * may not yet find by search (not flushed): {@link #advancedInThisTransaction()} tells the
	 * Consent cache not to trust it.
	 */
	void advance() {
		if (jdbc.update(ADVANCE, ROW) != 1) {
			throw new IllegalStateException("fhirnotary_consent_generation has no row 1; the schema is incomplete");
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.hasResource(ADVANCED)) {
			TransactionSynchronizationManager.bindResource(ADVANCED, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(ADVANCED);
				}
			});
		}
	}

	/**
	 * Whether the current thread is inside a transaction that advanced the generation and has not
	 * ended. Bound as a thread resource, which an inner REQUIRES_NEW transaction still sees: it then
	 * bypasses the cache too, the safe side.
	 */
	static boolean advancedInThisTransaction() {
		return TransactionSynchronizationManager.hasResource(ADVANCED);
	}
}
