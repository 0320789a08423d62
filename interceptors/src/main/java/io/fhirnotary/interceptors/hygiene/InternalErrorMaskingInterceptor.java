package io.fhirnotary.interceptors.hygiene;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the message of every unexpected server error (5xx) with an incident id.
 *
 * <p>Unexpected exceptions carry database and library messages that can quote stored values
 * (PHI) or internals; clients get "internal error, incident X" and the log gets the incident id,
 * the exception types and stack frames, but not the messages. Client errors (4xx) pass unchanged:
 * their messages are HAPI's explanations of what the client sent wrong.
 */
@Interceptor
public class InternalErrorMaskingInterceptor {

	private static final Logger log = LoggerFactory.getLogger(InternalErrorMaskingInterceptor.class);

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException maskInternalErrors(Throwable exception) {
		if (exception instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
			return null;
		}
		String incident = UUID.randomUUID().toString();
		log.error("Internal error, incident {}: {}", incident, ThrowableSummary.withoutMessages(exception));
		return new InternalErrorException("Internal server error; incident " + incident);
	}
}
