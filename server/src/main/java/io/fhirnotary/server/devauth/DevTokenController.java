package io.fhirnotary.server.devauth;

import io.fhirnotary.server.security.FhirBaseUrl;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth/token} (RFC 6749 client credentials with an RFC 7523 client assertion, as
 * SMART Backend Services use it) and {@code GET /oauth/jwks}, the dev issuer's public keys.
 * Errors follow RFC 6749 §5.2: a JSON body with {@code error} and {@code error_description}.
 */
@RestController
@Profile("dev")
class DevTokenController {

	static final String TOKEN_PATH = "/oauth/token";

	private final DevTokenIssuer issuer;
	private final DevAuthConfig.DevIssuerPublicKeys publicKeys;

	DevTokenController(DevTokenIssuer issuer, DevAuthConfig.DevIssuerPublicKeys publicKeys) {
		this.issuer = issuer;
		this.publicKeys = publicKeys;
	}

	@PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> token(
			@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(name = "client_assertion_type", required = false) String assertionType,
			@RequestParam(name = "client_assertion", required = false) String assertion,
			@RequestParam(name = "scope", required = false) String scope,
			@RequestParam(name = "purpose_of_use", required = false) String purposeOfUse,
			HttpServletRequest request) {
		String fhirBase = FhirBaseUrl.of(request);
		String root = fhirBase.substring(0, fhirBase.length() - FhirBaseUrl.FHIR_PATH.length());
		DevTokenIssuer.Result result =
				issuer.issue(grantType, assertionType, assertion, scope, purposeOfUse, root + TOKEN_PATH, fhirBase);
		Map<String, Object> body = new LinkedHashMap<>();
		if (!result.granted()) {
			body.put("error", result.error());
			body.put("error_description", result.errorDescription());
			HttpStatus status = "invalid_client".equals(result.error()) ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
			return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
		}
		body.put("access_token", result.accessToken());
		body.put("token_type", "bearer");
		body.put("expires_in", result.expiresIn());
		body.put("scope", result.scope());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	@GetMapping(path = "/oauth/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> jwks() {
		return publicKeys.keys().toJSONObject(true);
	}
}
