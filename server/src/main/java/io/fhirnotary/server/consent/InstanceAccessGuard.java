package io.fhirnotary.server.consent;

import io.fhirnotary.server.audit.journal.JournalEvents;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.server.notary.NotaryOperationNames;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Requests aimed at one resource ({@code X/id}, {@code X/id/_history[/v]}, {@code X/id/$op},
 * PATCH, DELETE) answer {@link NotFound} unless the caller may see that resource — checked before
 * HAPI does anything, from the resource as stored, so a hidden resource and an id that never
 * existed answer byte for byte the same, whatever HAPI would have said for either (an empty
 * history bundle, an operation's own 404, a delete's "not found" 200).
 *
 * <p>A deleted resource is judged by its last version before the deletion: a caller who could see
 * it gets HAPI's 410 Gone, anyone else the same 404 as for an unknown id.
 *
 * <p>Runs at {@code SERVER_INCOMING_REQUEST_PRE_HANDLED} on the REST server, which HAPI also
 * fires for each GET entry of a batch or transaction bundle, so those entries answer the same
 * 404. Updates (PUT) are left to the write rules: a PUT to a free id is a create.
 */
@Interceptor(order = InstanceAccessGuard.ORDER)
final class InstanceAccessGuard {

	/** After the lead's scope check (default order): a token without the scope gets 403 first. */
	static final int ORDER = 100;

	private static final Set<RestOperationTypeEnum> AIMED_AT_ONE_RESOURCE = EnumSet.of(
			RestOperationTypeEnum.READ,
			RestOperationTypeEnum.VREAD,
			RestOperationTypeEnum.HISTORY_INSTANCE,
			RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
			RestOperationTypeEnum.META,
			RestOperationTypeEnum.META_ADD,
			RestOperationTypeEnum.META_DELETE,
			RestOperationTypeEnum.PATCH,
			RestOperationTypeEnum.DELETE,
			RestOperationTypeEnum.VALIDATE);

	private final RequestCallers callers;
	private final SystemReads reads;
	private final ResourceVisibility visibility;

	InstanceAccessGuard(RequestCallers callers, SystemReads reads, ResourceVisibility visibility) {
		this.callers = callers;
		this.reads = reads;
		this.visibility = visibility;
	}

	private static final Set<RestOperationTypeEnum> JOURNAL_READS =
			EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD, RestOperationTypeEnum.HISTORY_INSTANCE);

	/** A read of an AuditEvent in the audit journal; any other request aimed at one finds nothing here (404). */
	private static boolean isJournalEventRead(String type, String id, RestOperationTypeEnum operation) {
		return "AuditEvent".equals(type) && JournalEvents.isJournalId(id) && JOURNAL_READS.contains(operation);
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void checkTarget(RequestDetails request, RestOperationTypeEnum operation) {
		IIdType target = request.getId();
		String type = request.getResourceName();
		if (!AIMED_AT_ONE_RESOURCE.contains(operation) || target == null || !target.hasIdPart() || type == null) {
			return;
		}
		if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
				&& NotaryOperationNames.INSTANCE_OPERATIONS.contains(request.getOperation())) {
			// $verify and $notary-receipt decide themselves (auditors may ask about any resource and
			// get no content back; a patient only about their own, else the same 404 as here)
			return;
		}
		if (isJournalEventRead(type, target.getIdPart(), operation)) {
			// not in HAPI's tables: the AuditEvent endpoint judges it, with the same 404 (AuditTrailAccess)
			return;
		}
		Optional<Caller> caller = callers.judged(request);
		if (caller.isEmpty()) {
			return;
		}
		SystemReads.Stored stored = reads.find(type, target.getIdPart());
		boolean visible = stored.resource() != null
				&& visibility.visible(caller.get(), stored.resource(), RequestScope.of(request));
		if (!visible) {
			RequestScope.of(request).countHidden();
			throw NotFound.resource(type, target.getIdPart());
		}
	}
}
