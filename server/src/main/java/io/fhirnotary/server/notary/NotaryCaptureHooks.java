package io.fhirnotary.server.notary;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.outbox.OutboxWriter;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import io.fhirnotary.server.fhir.CommitTimeWork;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notary capture (DESIGN §6): every committed create, update and delete — each entry of a
 * transaction or batch bundle, AuditEvents, writes HAPI makes on its own — gets its leaf (with a
 * fresh salt, stored sealed: {@link NotarySalts}) appended to the outbox in the write's own database transaction.
 *
 * <p>Registered on HAPI's JPA interceptor service, whose {@code STORAGE_PRECOMMIT_RESOURCE_*}
 * pointcuts fire for every path into the DAOs, inside the transaction (deferred to the end of a
 * transaction bundle, when references are resolved and the resource is final). The leaf is built
 * there (the resource is final); the rows of all versions of one transaction are written as it
 * commits ({@link CommitTimeWork}: after every before-commit step, so the AuditEvents a write's
 * commit stores are among them), in one JDBC batch, through the transaction's own connection
 * ({@link JdbcTemplate} joins it). So a write that rolls back — a failing bundle entry, a write rule
 * refusing, a constraint — leaves no row, and a row that fails to insert rolls the write back:
 * nothing is stored unnotarised.
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
	private final VersionSecretKeys keys;

	/** The versions each open transaction captured, written as it commits. */
	private final CommitTimeWork<List<CapturedVersion>> capturedVersions;

	NotaryCaptureHooks(JdbcTemplate jdbc, EntityManagerFactory entityManagers, VersionJson versionJson, VersionSecretKeys keys) {
		this.jdbc = jdbc;
		this.versionJson = versionJson;
		this.keys = keys;
		this.capturedVersions = new CommitTimeWork<>(entityManagers, ArrayList::new, this::write);
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
		byte[] salt = NotarySalts.fresh();
		NotaryLeaf leaf = NotaryLeaf.ofVersion(salt, id.getResourceType(), id.getIdPart(),
				id.getVersionIdPart(), operation, operation == Operation.DELETE ? null : versionJson.of(resource));
		// a deletion's resource is the version before it, so its salt goes under the same patient's key
		CapturedVersion captured = new CapturedVersion(leaf,
				NotarySalts.seal(keys.forSealing(resource), id.getResourceType(), id.getIdPart(), id.getVersionIdPart(), salt));
		capturedVersions.ofThisTransaction().ifPresentOrElse(
				versions -> versions.add(captured), () -> write(List.of(captured)));
	}

	/** Outbox rows and sealed salts on the transaction's own connection, one JDBC batch each. */
	private void write(List<CapturedVersion> versions) {
		long now = System.currentTimeMillis();
		List<NotaryLeaf> leaves = versions.stream().map(CapturedVersion::leaf).toList();
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			OutboxWriter.appendAll(connection, leaves, now);
			NotarySalts.storeAll(connection, versions);
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
