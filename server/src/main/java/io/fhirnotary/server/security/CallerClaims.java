package io.fhirnotary.server.security;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import io.fhirnotary.interceptors.identity.SmartScopes;
import io.fhirnotary.interceptors.identity.TrustedClients;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns the claims of a validated access token into the {@link Caller} the decision functions
 * read. Pure: the claims, the configured trusted clients and the FHIR base URL in, a caller out.
 *
 * <ul>
 *   <li>client id: {@code client_id} (RFC 9068), else {@code azp}</li>
 *   <li>{@code fhirUser}: a relative {@code Type/id} or an absolute URL on this server; anything
 *       else leaves the caller without a user, which then matches no Consent (fail closed)</li>
 *   <li>{@code organization}: the organisation(s) the user acts for (string or array; our claim)</li>
 *   <li>{@code scope} (space-separated string) or {@code scp} (array)</li>
 *   <li>{@code purpose_of_use}: a code or an array of codes</li>
 * </ul>
 */
public final class CallerClaims {

	private CallerClaims() {}

	public static Caller toCaller(Map<String, Object> claims, TrustedClients trusted, String fhirBaseUrl) {
		Caller.Builder caller = Caller.builder().trustedClients(trusted).clientId(clientId(claims));
		Object fhirUser = claims.get("fhirUser");
		if (fhirUser instanceof String value) {
			ResourceRef.parse(value, fhirBaseUrl).ifPresent(caller::fhirUser);
		}
		for (String organization : strings(claims.get("organization"))) {
			ResourceRef.parse(organization, fhirBaseUrl).ifPresent(caller::organization);
		}
		caller.scopes(scopes(claims));
		strings(claims.get("purpose_of_use")).forEach(caller::purposeOfUse);
		return caller.build();
	}

	static String clientId(Map<String, Object> claims) {
		Object clientId = claims.get("client_id");
		if (clientId instanceof String value && !value.isBlank()) {
			return value;
		}
		Object authorizedParty = claims.get("azp");
		return authorizedParty instanceof String value && !value.isBlank() ? value : null;
	}

	static SmartScopes scopes(Map<String, Object> claims) {
		Object scope = claims.get("scope");
		if (scope instanceof String value) {
			return SmartScopes.parse(value);
		}
		List<String> scp = strings(claims.get("scp"));
		if (scp.isEmpty()) {
			scp = strings(scope);
		}
		return SmartScopes.of(scp);
	}

	private static List<String> strings(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof String value) {
			values.add(value);
		} else if (claim instanceof Collection<?> collection) {
			for (Object item : collection) {
				if (item instanceof String value) {
					values.add(value);
				}
			}
		}
		return values;
	}
}
