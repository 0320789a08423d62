package io.fhirnotary.server.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.fhirnotary.interceptors.audit.AuditAction;
import java.util.Optional;

/** Which audit action a HAPI REST operation is; empty for what is not audited (the capability statement). */
final class AuditActions {

	private AuditActions() {}

	static Optional<AuditAction> of(RestOperationTypeEnum operation) {
		if (operation == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(switch (operation) {
			case READ, META -> AuditAction.READ;
			case VREAD -> AuditAction.VREAD;
			case CREATE -> AuditAction.CREATE;
			case UPDATE, META_ADD, META_DELETE -> AuditAction.UPDATE;
			case PATCH -> AuditAction.PATCH;
			case DELETE -> AuditAction.DELETE;
			case SEARCH_TYPE -> AuditAction.SEARCH_TYPE;
			case SEARCH_SYSTEM, GET_PAGE -> AuditAction.SEARCH_SYSTEM;
			case HISTORY_INSTANCE -> AuditAction.HISTORY_INSTANCE;
			case HISTORY_TYPE -> AuditAction.HISTORY_TYPE;
			case HISTORY_SYSTEM -> AuditAction.HISTORY_SYSTEM;
			case TRANSACTION -> AuditAction.TRANSACTION;
			case BATCH -> AuditAction.BATCH;
			case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE, GRAPHQL_REQUEST ->
				AuditAction.OPERATION;
			default -> null;
		});
	}
}
