package io.fhirnotary.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.term.ex.ExpansionTooCostlyException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Answers a value set expansion HAPI refuses as too large with 400 and issue code
 * {@code too-costly}, instead of the 500 HAPI gives it. This happens for {@code $expand} with
 * {@code count} on a value set HAPI has not pre-expanded yet (its background job pre-expands
 * stored value sets every few minutes), and for expansions over HAPI's size limit: in both cases
 * the client can narrow the request or retry, so it is a client-side answer, not a server fault.
 * Registered before the 5xx masking so its answer wins.
 */
@Interceptor
public class ExpansionLimitInterceptor {

	static final String ADVICE = "The value set expansion is larger than this server expands on request: "
			+ "narrow it with 'filter', or page with 'offset'/'count' once the value set has been pre-expanded";

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException expansionTooCostly(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof ExpansionTooCostlyException) {
				OperationOutcome outcome = new OperationOutcome();
				outcome.addIssue()
						.setSeverity(OperationOutcome.IssueSeverity.ERROR)
						.setCode(OperationOutcome.IssueType.TOOCOSTLY)
						.setDiagnostics(ADVICE);
				return new InvalidRequestException(ADVICE, outcome);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}
}
