package io.fhirnotary.server.fhir;

import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.SessionImplementor;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows that a database transaction gathers while it runs and writes in one go when it commits
 * (encrypted bodies, notary leaves): one {@code T} per open JPA transaction of this thread, kept
 * by the transaction's Hibernate session, and done by a process on the session's action queue.
 *
 * <p>Hibernate runs that process inside the commit: after Spring's before-commit steps (so rows
 * that one of them adds, such as the AuditEvents of a write, are still written) and after its own
 * flush, never on a rollback, and an exception there fails the commit. A Spring
 * {@code TransactionSynchronization} would not do: one registered while Spring runs the
 * before-commit steps is never called, and its rows are lost — which happened to the first body
 * of a transaction when that body was the AuditEvent of a delete.
 *
 * <p>An inner REQUIRES_NEW transaction has its own session, so it gathers and writes its own.
 *
 * @param <T> what one transaction gathers
 */
public final class CommitTimeWork<T> {

	private final EntityManagerFactory entityManagers;
	private final Supplier<T> newWork;
	private final Consumer<T> atCommit;

	/**
	 * Per thread, the work of each open transaction by its session. The entry goes when
	 * the transaction ends; the keys are weak so that a session that never ends is not kept alive.
	 */
	private final ThreadLocal<Map<SessionImplementor, T>> open = ThreadLocal.withInitial(WeakHashMap::new);

	/**
	 * @param newWork  an empty {@code T}, made on the first use in a transaction
	 * @param atCommit writes what a transaction gathered, on its connection, as it commits
	 */
	public CommitTimeWork(EntityManagerFactory entityManagers, Supplier<T> newWork, Consumer<T> atCommit) {
		this.entityManagers = entityManagers;
		this.newWork = newWork;
		this.atCommit = atCommit;
	}

	/** This thread's transaction's work, made on first use; empty outside a JPA transaction. */
	public Optional<T> ofThisTransaction() {
		return session().map(session -> open.get().computeIfAbsent(session, this::startFor));
	}

	/** This thread's transaction's work if any was made; never makes one. */
	public Optional<T> startedInThisTransaction() {
		return session().map(session -> open.get().get(session));
	}

	private T startFor(SessionImplementor session) {
		T work = newWork.get();
		Map<SessionImplementor, T> ofThisThread = open.get();
		session.getActionQueue().registerProcess((BeforeTransactionCompletionProcess) committing -> atCommit.accept(work));
		session.getActionQueue().registerProcess((AfterTransactionCompletionProcess) (success, ended) -> ofThisThread.remove(session));
		return work;
	}

	private Optional<SessionImplementor> session() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !(TransactionSynchronizationManager.getResource(entityManagers) instanceof EntityManagerHolder holder)) {
			return Optional.empty();
		}
		return Optional.of(holder.getEntityManager().unwrap(SessionImplementor.class));
	}
}
