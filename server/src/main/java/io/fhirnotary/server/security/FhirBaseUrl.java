package io.fhirnotary.server.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The FHIR base URL as the client addressed this server ({@code scheme://host[:port]/fhir}), which
 * is the default token audience and the base that absolute {@code fhirUser} references are made
 * relative to. Forwarded headers are honoured only when Boot is told to trust them
 * ({@code server.forward-headers-strategy}), since Tomcat then rewrites these very fields.
 */
public final class FhirBaseUrl {

	public static final String FHIR_PATH = "/fhir";

	private FhirBaseUrl() {}

	public static String of(HttpServletRequest request) {
		StringBuilder url = new StringBuilder();
		String scheme = request.getScheme();
		int port = request.getServerPort();
		url.append(scheme).append("://").append(request.getServerName());
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		if (!defaultPort && port > 0) {
			url.append(':').append(port);
		}
		url.append(request.getContextPath()).append(FHIR_PATH);
		return url.toString();
	}
}
