package io.fhirnotary.server.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fhirnotary.interceptors.identity.ResourceScope;
import io.fhirnotary.interceptors.identity.SmartScopes;
import io.fhirnotary.server.devauth.DevAuthProperties.DevClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMART Backend Services token issuing for the dev profile: a demo client proves who it is with a
 * JWT signed by its own key ({@code private_key_jwt}, RFC 7523) and gets an access token signed by
 * the dev issuer key. Checks what a real authorisation server checks — signature, {@code iss} =
 * {@code sub} = client id, {@code aud} = the token endpoint, a short {@code exp}, no replayed
 * {@code jti} — so clients written against it work against a real one.
 */
final class DevTokenIssuer {

	/** SMART asks clients to keep assertions short-lived; longer ones are refused. */
	static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final DevAuthProperties properties;
	private final ECKey issuerKey;
	private final Map<String, ECKey> clientPublicKeys;
	private final Map<String, DevClient> clients;
	private final Clock clock;
	private final Map<String, Instant> usedAssertionIds = new ConcurrentHashMap<>();

	DevTokenIssuer(DevAuthProperties properties, ECKey issuerKey, Map<String, ECKey> clientPublicKeys, Clock clock) {
		this.properties = properties;
		this.issuerKey = issuerKey;
		this.clientPublicKeys = Map.copyOf(clientPublicKeys);
		this.clients = new ConcurrentHashMap<>();
		properties.clients().forEach(client -> clients.put(client.id(), client));
		this.clock = clock;
	}

	/** A granted token, or why not (an OAuth2 error code and description). */
	record Result(String accessToken, long expiresIn, String scope, String error, String errorDescription) {
		static Result refused(String error, String description) {
			return new Result(null, 0, null, error, description);
		}

		boolean granted() {
			return accessToken != null;
		}
	}

	/**
	 * @param grantType        must be {@code client_credentials}
	 * @param assertionType    must be the JWT bearer assertion type
	 * @param assertion        the client's signed JWT
	 * @param requestedScope   space-separated scopes, or blank for everything the client may have
	 * @param purposeOfUse     a purpose-of-use code the client may declare, or blank
	 * @param tokenEndpointUrl the URL the client posted to (the assertion's required audience)
	 * @param fhirBaseUrl      the audience of the access token
	 */
	Result issue(
			String grantType,
			String assertionType,
			String assertion,
			String requestedScope,
			String purposeOfUse,
			String tokenEndpointUrl,
			String fhirBaseUrl) {
		if (!"client_credentials".equals(grantType)) {
			return Result.refused("unsupported_grant_type", "Only client_credentials is supported");
		}
		if (!ASSERTION_TYPE.equals(assertionType) || assertion == null || assertion.isBlank()) {
			return Result.refused("invalid_client", "A private_key_jwt client assertion is required");
		}
		Instant now = clock.instant();
		SignedJWT signed;
		JWTClaimsSet claims;
		try {
			signed = SignedJWT.parse(assertion);
			claims = signed.getJWTClaimsSet();
		} catch (ParseException e) {
			return Result.refused("invalid_client", "The client assertion is not a signed JWT");
		}
		String clientId = claims.getIssuer();
		DevClient client = clientId == null ? null : clients.get(clientId);
		ECKey clientKey = clientId == null ? null : clientPublicKeys.get(clientId);
		if (client == null || clientKey == null || !clientId.equals(claims.getSubject())) {
			return Result.refused("invalid_client", "Unknown client, or iss and sub differ");
		}
		if (!verifies(signed, clientKey)) {
			return Result.refused("invalid_client", "The client assertion signature does not verify");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(tokenEndpointUrl)) {
			return Result.refused("invalid_client", "The client assertion's aud must be the token endpoint URL");
		}
		Date expiry = claims.getExpirationTime();
		if (expiry == null || !expiry.toInstant().isAfter(now)
				|| expiry.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME).plusSeconds(30))) {
			return Result.refused("invalid_client", "The client assertion must expire within five minutes");
		}
		String assertionId = claims.getJWTID();
		forgetExpiredAssertionIds(now);
		if (assertionId == null || usedAssertionIds.putIfAbsent(clientId + " " + assertionId, expiry.toInstant()) != null) {
			return Result.refused("invalid_client", "The client assertion needs a jti that was not used before");
		}
		Set<String> allowed = tokens(client.scope());
		Set<String> granted = requestedScope == null || requestedScope.isBlank() ? allowed : tokens(requestedScope);
		if (granted.isEmpty() || !granted.stream().allMatch(requested -> covered(requested, allowed))) {
			return Result.refused("invalid_scope", "The client may not be granted the requested scope");
		}
		if (purposeOfUse != null && !purposeOfUse.isBlank() && !client.purposes().contains(purposeOfUse)) {
			return Result.refused("invalid_request", "The client may not declare this purpose of use");
		}
		String scope = String.join(" ", granted);
		return new Result(sign(client, scope, purposeOfUse, fhirBaseUrl, now), properties.tokenLifetime().toSeconds(), scope, null, null);
	}

	private String sign(DevClient client, String scope, String purposeOfUse, String fhirBaseUrl, Instant now) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(properties.issuer())
				.subject(client.id())
				.audience(fhirBaseUrl)
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(properties.tokenLifetime())))
				.jwtID(UUID.randomUUID().toString())
				.claim("client_id", client.id())
				.claim("scope", scope);
		if (client.fhirUser() != null && !client.fhirUser().isBlank()) {
			claims.claim("fhirUser", client.fhirUser());
		}
		if (client.organization() != null && !client.organization().isBlank()) {
			claims.claim("organization", client.organization());
		}
		if (purposeOfUse != null && !purposeOfUse.isBlank()) {
			claims.claim("purpose_of_use", List.of(purposeOfUse));
		}
		try {
			SignedJWT token = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(issuerKey.getKeyID()).build(), claims.build());
			token.sign(new ECDSASigner(issuerKey));
			return token.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot sign a dev access token", e);
		}
	}

	private static boolean verifies(SignedJWT signed, ECKey clientKey) {
		try {
			JWSVerifier verifier = new ECDSAVerifier(clientKey.toECPublicKey());
			return signed.verify(verifier);
		} catch (JOSEException e) {
			return false;
		}
	}

	private void forgetExpiredAssertionIds(Instant now) {
		usedAssertionIds.values().removeIf(expiry -> expiry.isBefore(now));
	}

	/**
	 * A requested scope is grantable when the client may have it as written, or when it is an
	 * unrestricted resource scope that the client's own scopes cover ({@code user/MedicationRequest.rs}
	 * under {@code user/*.rs}).
	 */
	private static boolean covered(String requested, Set<String> allowed) {
		if (allowed.contains(requested)) {
			return true;
		}
		SmartScopes wanted = SmartScopes.parse(requested);
		SmartScopes held = SmartScopes.of(allowed);
		if (wanted.resourceScopes().size() != 1 || !wanted.rejected().isEmpty()) {
			return false;
		}
		ResourceScope scope = wanted.resourceScopes().get(0);
		return !scope.isRestricted() && scope.interactions().stream()
				.allMatch(interaction -> held.allows(scope.level(), scope.resourceType(), interaction));
	}

	private static Set<String> tokens(String scope) {
		Set<String> tokens = new LinkedHashSet<>();
		if (scope != null) {
			Arrays.stream(scope.trim().split("\\s+")).filter(token -> !token.isEmpty()).forEach(tokens::add);
		}
		return tokens;
	}
}
