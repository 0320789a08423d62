package io.fhirnotary.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTests {

	private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

	private final MutableClock clock = new MutableClock(START);
	private final AtomicReference<String> audience = new AtomicReference<>("https://a.example/fhir");
	private final CountingIssuerCheck issuer = new CountingIssuerCheck();
	private final VerifiedTokenCache cache =
			new VerifiedTokenCache(issuer, audience::get, Duration.ofMinutes(5), clock);

	@Test
	void aTokenAcceptedOnceIsNotVerifiedAgainOnTheNextRequest() {
		issuer.accept("t1", START.plus(Duration.ofHours(1)));

		Jwt first = cache.decode("t1");
		Jwt second = cache.decode("t1");

		assertThat(second).isSameAs(first);
		assertThat(issuer.checked).containsExactly("t1");
	}

	@Test
	void anotherAudienceIsCheckedAfresh() {
		issuer.accept("t1", START.plus(Duration.ofHours(1)));
		cache.decode("t1");

		audience.set("https://b.example/fhir");
		cache.decode("t1");

		assertThat(issuer.checked).containsExactly("t1", "t1");
	}

	@Test
	void anExpiredTokenGoesBackToTheIssuerCheckWhichRefusesIt() {
		issuer.accept("t1", START.plus(Duration.ofMinutes(2)));
		cache.decode("t1");

		clock.now = START.plus(Duration.ofMinutes(2));
		issuer.refuse("t1");

		assertThatThrownBy(() -> cache.decode("t1")).isInstanceOf(BadJwtException.class);
		assertThat(issuer.checked).containsExactly("t1", "t1");
	}

	@Test
	void aLongLivedTokenIsCheckedAgainAfterTheMaximumAge() {
		issuer.accept("t1", START.plus(Duration.ofHours(8)));
		cache.decode("t1");

		clock.now = START.plus(Duration.ofMinutes(4));
		cache.decode("t1");
		clock.now = START.plus(Duration.ofMinutes(5));
		cache.decode("t1");

		assertThat(issuer.checked).containsExactly("t1", "t1");
	}

	@Test
	void refusalsAreNeverRemembered() {
		issuer.refuse("bad");

		assertThatThrownBy(() -> cache.decode("bad")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> cache.decode("bad")).isInstanceOf(BadJwtException.class);

		assertThat(issuer.checked).containsExactly("bad", "bad");
		assertThat(cache.size()).isZero();
	}

	@Test
	void aTokenNotYetValidIsNotRemembered() {
		issuer.accept("early", START.plus(Duration.ofHours(1)), START.plusSeconds(30));

		cache.decode("early");
		cache.decode("early");

		assertThat(issuer.checked).containsExactly("early", "early");
	}

	@Test
	void theMemoryStaysBounded() {
		for (int i = 0; i < VerifiedTokenCache.MAX_ENTRIES + 50; i++) {
			issuer.accept("t" + i, START.plus(Duration.ofHours(1)));
			cache.decode("t" + i);
		}

		assertThat(cache.size()).isLessThanOrEqualTo(VerifiedTokenCache.MAX_ENTRIES);
	}

	/** Stands in for the issuer's verdicts: which tokens it accepts, and a log of what it checked. */
	private static final class CountingIssuerCheck implements JwtDecoder {
		private final Map<String, Jwt> accepted = new HashMap<>();
		private final List<String> checked = new ArrayList<>();

		void accept(String token, Instant expiresAt) {
			accept(token, expiresAt, null);
		}

		void accept(String token, Instant expiresAt, Instant notBefore) {
			Jwt.Builder jwt = Jwt.withTokenValue(token)
					.header("alg", "ES256")
					.subject("client")
					.issuedAt(START)
					.expiresAt(expiresAt);
			if (notBefore != null) {
				jwt.notBefore(notBefore);
			}
			accepted.put(token, jwt.build());
		}

		void refuse(String token) {
			accepted.remove(token);
		}

		@Override
		public Jwt decode(String token) {
			checked.add(token);
			Jwt jwt = accepted.get(token);
			if (jwt == null) {
				throw new BadJwtException("refused");
			}
			return jwt;
		}
	}

	private static final class MutableClock extends Clock {
		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}
}
