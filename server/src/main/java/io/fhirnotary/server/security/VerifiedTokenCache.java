package io.fhirnotary.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed the full check so a client sending the same bearer token on every
 * request pays for one signature verification, not one per request. An ES256 verification costs
 * the JDK about as much CPU as the rest of a small FHIR search, which is what a pharmacy's pull is.
 *
 * <p>What the result of a check depends on, and how each is honoured:
 * <ul>
 *   <li>the token's bytes — the key;</li>
 *   <li>the audience this request expects (the FHIR base URL as the client addressed it, unless a
 *       fixed audience is configured) — part of the key, so a token accepted on one address is
 *       checked afresh on another;</li>
 *   <li>the time — an entry is used only while the token is unexpired, and never longer than
 *       {@code maxAge}, after which the delegate checks it again (so a key the issuer withdraws
 *       stops working within {@code maxAge});</li>
 *   <li>everything else (signature, issuer, algorithms) is fixed for the server's lifetime.</li>
 * </ul>
 * Refusals are never remembered: a bad token costs a verification every time, as before.
 */
final class VerifiedTokenCache implements JwtDecoder {

	/** Beyond this, old entries are dropped before a new one is added; tokens are a few hundred bytes. */
	static final int MAX_ENTRIES = 10_000;

	private final JwtDecoder delegate;
	private final Supplier<String> expectedAudience;
	private final Duration maxAge;
	private final Clock clock;
	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	private record Key(String token, String audience) {}

	private record Entry(Jwt jwt, Instant usableUntil) {}

	VerifiedTokenCache(JwtDecoder delegate, Supplier<String> expectedAudience, Duration maxAge, Clock clock) {
		this.delegate = Objects.requireNonNull(delegate);
		this.expectedAudience = Objects.requireNonNull(expectedAudience);
		this.maxAge = Objects.requireNonNull(maxAge);
		this.clock = Objects.requireNonNull(clock);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = clock.instant();
		Key key = new Key(token, expectedAudience.get());
		Entry known = entries.get(key);
		if (known != null && now.isBefore(known.usableUntil())) {
			return known.jwt();
		}
		Jwt verified = delegate.decode(token);
		remember(key, verified, now);
		return verified;
	}

	private void remember(Key key, Jwt verified, Instant now) {
		Instant usableUntil = now.plus(maxAge);
		Instant expiresAt = verified.getExpiresAt();
		if (expiresAt != null && expiresAt.isBefore(usableUntil)) {
			usableUntil = expiresAt;
		}
		Instant notBefore = verified.getNotBefore();
		// A token accepted within the clock-skew allowance before its nbf: let the delegate judge
		// it again next time rather than carry a decision made at the edge.
		if (!now.isBefore(usableUntil) || (notBefore != null && now.isBefore(notBefore))) {
			return;
		}
		if (entries.size() >= MAX_ENTRIES) {
			entries.values().removeIf(entry -> !now.isBefore(entry.usableUntil()));
			if (entries.size() >= MAX_ENTRIES) {
				entries.clear();
			}
		}
		entries.put(key, new Entry(verified, usableUntil));
	}

	int size() {
		return entries.size();
	}
}
