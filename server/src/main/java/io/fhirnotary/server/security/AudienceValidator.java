package io.fhirnotary.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token must be meant for this server: its {@code aud} holds the configured audience, or, when
 * none is configured, this server's FHIR base URL as the current request addressed it. Without
 * this check a token issued by the same authorisation server for another API would be accepted.
 */
final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error WRONG_AUDIENCE =
			new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token is not meant for this server (aud)", null);

	private final SecurityProperties properties;
	private final Supplier<HttpServletRequest> currentRequest;

	AudienceValidator(SecurityProperties properties, Supplier<HttpServletRequest> currentRequest) {
		this.properties = properties;
		this.currentRequest = currentRequest;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<String> audiences = token.getAudience();
		String expected = expectedAudience();
		if (expected != null && audiences != null && audiences.contains(expected)) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(WRONG_AUDIENCE);
	}

	/** The audience a token must name for the current request; null outside a request. */
	String expectedAudience() {
		if (properties.hasFixedAudience()) {
			return properties.audience();
		}
		HttpServletRequest request = currentRequest.get();
		return request == null ? null : FhirBaseUrl.of(request);
	}
}
