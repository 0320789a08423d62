package io.fhirnotary.server.security;

import io.fhirnotary.interceptors.hygiene.OperationOutcomes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 answers of the security filter chain as FHIR clients expect them: Spring's
 * RFC 6750 {@code WWW-Authenticate} header, and an OperationOutcome body. The diagnostics are
 * fixed sentences; why a token failed (expired, wrong audience, bad signature) is in the header
 * only, as RFC 6750 prescribes, and never echoes the token.
 */
final class SecurityErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
	private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		bearerEntryPoint.commence(request, response, failure);
		writeOutcome(response, "login", "A valid bearer access token is required (missing, invalid or expired)");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		bearerAccessDenied.handle(request, response, denied);
		writeOutcome(response, "forbidden", "The access token does not allow this request");
	}

	private static void writeOutcome(HttpServletResponse response, String issueCode, String diagnostics)
			throws IOException {
		response.setContentType(FHIR_JSON);
		response.getOutputStream().write(OperationOutcomes.errorJson(issueCode, diagnostics).getBytes(StandardCharsets.UTF_8));
	}
}
