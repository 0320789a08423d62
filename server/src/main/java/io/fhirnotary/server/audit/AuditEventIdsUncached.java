package io.fhirnotary.server.audit;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.dao.index.IdHelperService;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import jakarta.annotation.Nonnull;
import jakarta.annotation.Nullable;
import java.util.Date;

/**
 * HAPI's id helper, except that it does not pre-cache the ids of AuditEvents it has just stored.
 *
 * <p>After every create HAPI puts the new resource's id into two in-memory caches (database id to
 * FHIR id, FHIR id to database id) that hold 10,000 entries for up to a minute, expecting the
 * resource to be referenced or read again soon. Protected mode stores an AuditEvent for every read,
 * hundreds a second, and nothing looks them up by id soon after: their entries only pushed other
 * resources' ids out and, living for tens of seconds, were copied by every young garbage collection
 * until promoted. In a GC log of the pull the protected server's young pauses were four times
 * plain's (a median of 20 ms against 5), copying 10–16 MB of survivors each time, and a sample
 * of the promoted objects showed these cache entries (see docs/BENCHMARKS.md, session 9). An
 * AuditEvent's id is still found when asked for: the lookup then goes to the database, as for any
 * id not in the cache.
 *
 * <p>Replaces HAPI's bean of the same name ({@link AuditConfig}), like
 * {@link AuditEventReferenceResolver}: every other resource type is cached as HAPI does.
 */
public class AuditEventIdsUncached extends IdHelperService {

	private static final String AUDIT_EVENT = "AuditEvent";

	@Override
	public void addResolvedPidToFhirIdAfterCommit(
			@Nonnull JpaPid pid,
			@Nonnull RequestPartitionId partition,
			@Nonnull String resourceType,
			@Nonnull String fhirId,
			@Nullable Date deletedAt) {
		if (AUDIT_EVENT.equals(resourceType)) {
			return;
		}
		super.addResolvedPidToFhirIdAfterCommit(pid, partition, resourceType, fhirId, deletedAt);
	}
}
