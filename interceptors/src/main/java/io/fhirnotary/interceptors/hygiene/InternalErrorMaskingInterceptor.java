package io.fhirnotary.interceptors.hygiene;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the message of every unexpected server error (5xx) with an incident id.
 *
 * <p>Unexpected exceptions carry database and library messages that can quote stored values
 * (PHI) or internals; clients get "internal error, incident X" and the log gets the incident id,
 * the exception types and stack frames, but not the messages. Client errors (4xx) pass unchanged:
 * their messages are HAPI's explanations of what the client sent wrong, for that client only; the
 * log gets the status and HAPI's message code, since those messages can quote request values.
 * (HAPI's own exception logging is switched off in the server's logging configuration for the
 * same reason.)
 */
@Interceptor
public class InternalErrorMaskingInterceptor {

	private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d{4}");
	private static final Logger log = LoggerFactory.getLogger(InternalErrorMaskingInterceptor.class);

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException maskInternalErrors(Throwable exception) {
		if (exception instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
			log.info("Client error {} {}", response.getStatusCode(), hapiCode(response.getMessage()));
			return null;
		}
		String incident = UUID.randomUUID().toString();
		log.error("Internal error, incident {}: {}", incident, ThrowableSummary.withoutMessages(exception));
		return new InternalErrorException("Internal server error; incident " + incident);
	}

	/** HAPI's greppable message code ({@code HAPI-0450}), or the exception type when there is none. */
	static String hapiCode(String message) {
		Matcher code = HAPI_CODE.matcher(message == null ? "" : message);
		return code.find() ? code.group() : "(no HAPI code)";
	}
}
