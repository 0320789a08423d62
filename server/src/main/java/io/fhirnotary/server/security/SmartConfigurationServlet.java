package io.fhirnotary.server.security;

import io.fhirnotary.interceptors.hygiene.OperationOutcomes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SMART on FHIR discovery ({@code /fhir/.well-known/smart-configuration}) for backend services:
 * where to get a token and how to authenticate there. Served by its own servlet because HAPI's
 * servlet would read {@code .well-known} as a resource type.
 *
 * <p>{@code fhirnotary.security.token-endpoint} may be absolute (an external issuer) or a path on
 * this server (the dev profile's {@code /oauth/token}); without one there is nothing to advertise
 * and the document is 404, as SMART requires {@code token_endpoint}.
 */
final class SmartConfigurationServlet extends HttpServlet {

	private static final List<String> CAPABILITIES =
			List.of("client-confidential-asymmetric", "permission-v1", "permission-v2");
	private static final List<String> SIGNING_ALGORITHMS = List.of("RS384", "ES384", "RS256", "ES256");

	private final transient SecurityProperties properties;

	SmartConfigurationServlet(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String tokenEndpoint = properties.tokenEndpoint();
		if (tokenEndpoint == null || tokenEndpoint.isBlank()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType("application/fhir+json;charset=UTF-8");
			response.getOutputStream().write(OperationOutcomes.errorJson("not-found",
					"No token endpoint is configured (fhirnotary.security.token-endpoint)").getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (tokenEndpoint.startsWith("/")) {
			String fhirBase = FhirBaseUrl.of(request);
			tokenEndpoint = fhirBase.substring(0, fhirBase.length() - FhirBaseUrl.FHIR_PATH.length()) + tokenEndpoint;
		}
		String json = "{\"token_endpoint\":" + quote(tokenEndpoint)
				+ ",\"grant_types_supported\":[\"client_credentials\"]"
				+ ",\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"]"
				+ ",\"token_endpoint_auth_signing_alg_values_supported\":" + array(SIGNING_ALGORITHMS)
				+ ",\"scopes_supported\":[\"system/*.cruds\",\"user/*.cruds\",\"patient/*.cruds\",\"system/*.rs\",\"user/*.rs\",\"patient/*.rs\"]"
				+ ",\"capabilities\":" + array(CAPABILITIES) + "}";
		response.setContentType("application/json;charset=UTF-8");
		response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String array(List<String> values) {
		return values.stream().map(SmartConfigurationServlet::quote).collect(Collectors.joining(",", "[", "]"));
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}
