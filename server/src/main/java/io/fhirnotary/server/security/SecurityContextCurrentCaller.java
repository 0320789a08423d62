package io.fhirnotary.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.TrustedClients;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller of a REST request, from the token Spring Security validated for it. The caller is
 * built once per request and kept in the request's user data, so hooks that run many times per
 * request (one per resource) do not re-parse scopes.
 *
 * <p>Across requests, the caller is remembered per token and FHIR base URL: a pharmacy sends the
 * same token with every pull, and turning its claims into a caller (scopes parsed, references
 * resolved) was about 1.5% of a pull's request thread. The caller is a pure function of the
 * claims, the configured trusted clients and the base URL, and the token's signature and times
 * are checked by Spring Security on every request before this runs, so a remembered caller is
 * exactly the one a fresh parse would give.
 *
 * <p>Internal work — {@link SystemRequestDetails}, or no request at all — has no caller, even
 * when it happens on a thread that is serving a REST request (a consent lookup done by the
 * server for that request): it must not be judged as the caller. A REST request without a
 * validated token is an anonymous caller that may see nothing.
 */
final class SecurityContextCurrentCaller implements CurrentCaller {

	private static final String USER_DATA_KEY = SecurityContextCurrentCaller.class.getName();

	private static final Caller ANONYMOUS = Caller.builder().build();

	/** Tokens are a few hundred bytes, callers smaller; past this the least used are dropped. */
	static final int REMEMBERED_TOKENS = 10_000;

	/**
	 * A token unused this long is forgotten, so expired bearer tokens do not sit in memory until
	 * the size bound pushes them out (an expired token never gets here: Spring Security refuses it).
	 */
	static final Duration FORGET_UNUSED_AFTER = Duration.ofMinutes(5);

	private record TokenAt(String token, String fhirBaseUrl) {}

	private final TrustedClients trustedClients;
	private final Cache<TokenAt, Caller> callersByToken =
			Caffeine.newBuilder().maximumSize(REMEMBERED_TOKENS).expireAfterAccess(FORGET_UNUSED_AFTER).build();

	SecurityContextCurrentCaller(TrustedClients trustedClients) {
		this.trustedClients = trustedClients;
	}

	@Override
	public Optional<Caller> of(RequestDetails requestDetails) {
		if (requestDetails == null || requestDetails instanceof SystemRequestDetails) {
			return Optional.empty();
		}
		Object cached = requestDetails.getUserData().get(USER_DATA_KEY);
		if (cached instanceof Caller caller) {
			return Optional.of(caller);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken jwt)) {
			// A REST request without a token only reaches HAPI on the public paths (metadata); should
			// one ever touch data, it does so as nobody — no scopes, no identity — never as the system.
			return Optional.of(ANONYMOUS);
		}
		String base = requestDetails instanceof ServletRequestDetails servlet
				? FhirBaseUrl.of(servlet.getServletRequest())
				: requestDetails.getFhirServerBase();
		TokenAt key = new TokenAt(jwt.getToken().getTokenValue(), base);
		Caller caller = callersByToken.getIfPresent(key);
		if (caller == null) {
			caller = CallerClaims.toCaller(jwt.getToken().getClaims(), trustedClients, base);
			callersByToken.put(key, caller);
		}
		requestDetails.getUserData().put(USER_DATA_KEY, caller);
		return Optional.of(caller);
	}
}
