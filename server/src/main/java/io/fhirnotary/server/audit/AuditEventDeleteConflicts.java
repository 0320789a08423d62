package io.fhirnotary.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * AuditEvents never stand in the way of a delete. Referential integrity protects clinical data
 * from dangling references; an audit record pointing at what was deleted is history, not a
 * dependency. When a delete meets references from AuditEvents, their search-index links to the
 * deleted resource are dropped (the AuditEvents themselves are untouched) and HAPI is asked to
 * look again, so references from any other resource still block the delete as before.
 *
 * <p>Trade-off: after the delete, those AuditEvents are no longer found by searching for the
 * deleted resource (for a deleted Patient: by {@code AuditEvent?patient=}).
 */
@Interceptor
public final class AuditEventDeleteConflicts {

	private static final String DROP_LINKS = "DELETE FROM hfj_res_link WHERE source_resource_type = 'AuditEvent' "
			+ "AND target_resource_id IN (SELECT res_id FROM hfj_resource WHERE res_type = ? AND fhir_id = ?)";

	private final JdbcTemplate jdbc;

	AuditEventDeleteConflicts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
	public DeleteConflictOutcome releaseAuditEventReferences(DeleteConflictList conflicts) {
		Set<String> targets = new LinkedHashSet<>();
		for (DeleteConflict conflict : conflicts) {
			if ("AuditEvent".equals(conflict.getSourceId().getResourceType())) {
				targets.add(conflict.getTargetId().toUnqualifiedVersionless().getValue());
			}
		}
		if (targets.isEmpty()) {
			return null;
		}
		for (String target : targets) {
			String[] typeAndId = target.split("/", 2);
			jdbc.update(DROP_LINKS, typeAndId[0], typeAndId[1]);
		}
		conflicts.removeIf(conflict -> "AuditEvent".equals(conflict.getSourceId().getResourceType()));
		return new DeleteConflictOutcome().setShouldRetryCount(1);
	}
}
