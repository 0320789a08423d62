package io.fhirnotary.server.notary;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.outbox.OutboxWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notary capture (DESIGN §6): every committed create, update and delete — each entry of a
 * transaction or batch bundle, AuditEvents, writes HAPI makes on its own — gets its leaf (with a
 * fresh salt) appended to the outbox in the write's own database transaction.
 *
 * <p>Registered on HAPI's JPA interceptor service, whose {@code STORAGE_PRECOMMIT_RESOURCE_*}
 * pointcuts fire for every path into the DAOs, inside the transaction (deferred to the end of a
 * transaction bundle, when references are resolved and the resource is final). The rows are written
 * through the transaction's own connection ({@link JdbcTemplate} joins it), so a write that rolls
 * back — a failing bundle entry, a write rule refusing, a constraint — leaves no row, and a row
 * that fails to insert rolls the write back: nothing is stored unnotarised.
 *
 * <p>{@code $meta-add}/{@code $meta-delete} fire the update pointcut without making a version
 * (old and new have the same version id): skipped. A version already captured in this
 * transaction is skipped too (HAPI may announce an update inside a transaction twice).
 */
@Interceptor
public final class NotaryCaptureHooks {

	private static final String CAPTURED = NotaryCaptureHooks.class.getName() + ".captured";

	private final JdbcTemplate jdbc;
	private final VersionJson versionJson;

	NotaryCaptureHooks(JdbcTemplate jdbc, VersionJson versionJson) {
		this.jdbc = jdbc;
		this.versionJson = versionJson;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, TransactionDetails transaction) {
		capture(resource, Operation.CREATE, transaction);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, TransactionDetails transaction) {
		if (previous != null && Objects.equals(previous.getIdElement().getVersionIdPart(),
				resource.getIdElement().getVersionIdPart())) {
			return; // $meta-add / $meta-delete: tags changed in place, no new version
		}
		capture(resource, Operation.UPDATE, transaction);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, TransactionDetails transaction) {
		capture(resource, Operation.DELETE, transaction);
	}

	private void capture(IBaseResource resource, Operation operation, TransactionDetails transaction) {
		IIdType id = resource.getIdElement();
		if (!id.hasResourceType() || !id.hasIdPart() || !id.hasVersionIdPart()) {
			throw new IllegalStateException("notary capture: a committed version without type, id or version");
		}
		if (!firstTimeInTransaction(transaction, id)) {
			return;
		}
		NotaryLeaf leaf = NotaryLeaf.ofVersion(NotarySalts.fresh(), id.getResourceType(), id.getIdPart(),
				id.getVersionIdPart(), operation, operation == Operation.DELETE ? null : versionJson.of(resource));
		long now = System.currentTimeMillis();
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			OutboxWriter.append(connection, leaf, now);
			NotarySalts.store(connection, leaf);
			return null;
		});
	}

	private static boolean firstTimeInTransaction(TransactionDetails transaction, IIdType id) {
		if (transaction == null) {
			return true;
		}
		Set<String> captured = transaction.getOrCreateUserData(CAPTURED, HashSet::new);
		return captured.add(id.getResourceType() + "/" + id.getIdPart() + "/" + id.getVersionIdPart());
	}
}
