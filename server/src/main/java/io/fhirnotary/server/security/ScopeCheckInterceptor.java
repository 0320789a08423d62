package io.fhirnotary.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ContextLevel;
import io.fhirnotary.interceptors.identity.Interaction;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * 403 when the token's scopes do not allow the interaction the request asks for, at any context
 * level ("valid token lacking scope"). This says nothing about any particular resource, so it
 * cannot confirm that one exists; which resources the caller may see is decided afterwards, per
 * resource, by the consent adapter, and which writes it may make by the write rules.
 *
 * <p>Terminology releases change what the server validates against, so uploading one is for
 * custodian systems only, whatever scopes another client holds.
 */
@Interceptor
public final class ScopeCheckInterceptor {

	private static final Set<ContextLevel> ANY_LEVEL = EnumSet.allOf(ContextLevel.class);
	private static final Set<String> CUSTODIAN_OPERATIONS = Set.of(
			"$upload-external-code-system", "$apply-codesystem-delta-add", "$apply-codesystem-delta-remove");

	private final CurrentCaller currentCaller;

	public ScopeCheckInterceptor(CurrentCaller currentCaller) {
		this.currentCaller = currentCaller;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void checkScopes(RequestDetails request, RestOperationTypeEnum operation) {
		Optional<Caller> found = currentCaller.of(request);
		if (found.isEmpty() || operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		Caller caller = found.get();
		String operationName = request.getOperation();
		if (operationName != null && CUSTODIAN_OPERATIONS.contains(operationName)) {
			if (!caller.custodian()
					|| !caller.scopes().allows(ContextLevel.SYSTEM, "CodeSystem", Interaction.CREATE)) {
				throw refused();
			}
			return;
		}
		String resourceType = request.getResourceName();
		Optional<Interaction> interaction = RequestedInteraction.of(operation);
		if (resourceType == null || interaction.isEmpty()) {
			if (caller.scopes().resourceScopes().isEmpty()) {
				throw refused();
			}
			return;
		}
		if (!caller.scopes().allowsAtAny(ANY_LEVEL, resourceType, interaction.get())) {
			throw refused();
		}
	}

	private static ForbiddenOperationException refused() {
		String message = "The access token's scopes do not allow this interaction";
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.FORBIDDEN)
				.setDiagnostics(message);
		return new ForbiddenOperationException(message, outcome);
	}
}
