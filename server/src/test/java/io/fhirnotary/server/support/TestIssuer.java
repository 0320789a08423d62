package io.fhirnotary.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An external OAuth2 issuer for the tests, the way production runs: the server under test knows
 * only its JWKS URL and issuer name ({@code spring.security.oauth2.resourceserver.jwt.*}) and
 * fetches the public keys over HTTP, as it would from any identity provider. The tests mint tokens
 * for whichever caller they play. One per JVM, on a free local port.
 */
public final class TestIssuer {

	private static TestIssuer shared;

	private final HttpServer server;
	private final RSAKey rsaKey;
	private final ECKey ecKey;
	private final String issuer;

	private TestIssuer() {
		try {
			rsaKey = new RSAKeyGenerator(2048).keyID("test-rsa").generate();
			ecKey = new ECKeyGenerator(Curve.P_256).keyID("test-ec").generate();
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		byte[] jwks = new JWKSet(List.of(rsaKey.toPublicJWK(), ecKey.toPublicJWK())).toString(true)
				.getBytes(StandardCharsets.UTF_8);
		server.createContext("/jwks", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			exchange.getResponseBody().write(jwks);
			exchange.close();
		});
		server.start();
		issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
		Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
	}

	public static synchronized TestIssuer shared() {
		if (shared == null) {
			shared = new TestIssuer();
		}
		return shared;
	}

	public String issuer() {
		return issuer;
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
	}

	/** A token for the tests' default audience and issuer, valid for ten minutes, signed ES256. */
	public Builder token(String audience) {
		return new Builder(audience);
	}

	/** What a test caller's token says; every claim can be changed, to test the checks too. */
	public final class Builder {
		private String audience;
		private String issuerClaim = issuer;
		private String clientId;
		private String fhirUser;
		private final List<String> organizations = new ArrayList<>();
		private String scope;
		private final List<String> purposes = new ArrayList<>();
		private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
		private Instant notBefore;
		private JWSAlgorithm algorithm = JWSAlgorithm.ES256;
		private boolean signedByStranger;

		private Builder(String audience) {
			this.audience = audience;
		}

		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder fhirUser(String fhirUser) {
			this.fhirUser = fhirUser;
			return this;
		}

		public Builder organization(String organization) {
			this.organizations.add(organization);
			return this;
		}

		public Builder scope(String scope) {
			this.scope = scope;
			return this;
		}

		public Builder purposeOfUse(String purpose) {
			this.purposes.add(purpose);
			return this;
		}

		public Builder audience(String audience) {
			this.audience = audience;
			return this;
		}

		public Builder issuer(String issuer) {
			this.issuerClaim = issuer;
			return this;
		}

		public Builder expiresAt(Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		public Builder notBefore(Instant notBefore) {
			this.notBefore = notBefore;
			return this;
		}

		public Builder rs256() {
			this.algorithm = JWSAlgorithm.RS256;
			return this;
		}

		/** Signed with a key the server has never seen (same key id), to prove signatures are checked. */
		public Builder signedByStranger() {
			this.signedByStranger = true;
			return this;
		}

		public String build() {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
					.issuer(issuerClaim)
					.subject(clientId == null ? "anonymous" : clientId)
					.issueTime(new Date())
					.expirationTime(Date.from(expiresAt))
					.jwtID(UUID.randomUUID().toString());
			if (audience != null) {
				claims.audience(audience);
			}
			if (notBefore != null) {
				claims.notBeforeTime(Date.from(notBefore));
			}
			if (clientId != null) {
				claims.claim("client_id", clientId);
			}
			if (fhirUser != null) {
				claims.claim("fhirUser", fhirUser);
			}
			if (!organizations.isEmpty()) {
				claims.claim("organization", List.copyOf(organizations));
			}
			if (scope != null) {
				claims.claim("scope", scope);
			}
			if (!purposes.isEmpty()) {
				claims.claim("purpose_of_use", List.copyOf(purposes));
			}
			try {
				boolean rsa = algorithm == JWSAlgorithm.RS256;
				JWSSigner signer = rsa ? new RSASSASigner(signingRsaKey()) : new ECDSASigner(signingEcKey());
				SignedJWT jwt = new SignedJWT(
						new JWSHeader.Builder(algorithm).keyID(rsa ? rsaKey.getKeyID() : ecKey.getKeyID()).build(),
						claims.build());
				jwt.sign(signer);
				return jwt.serialize();
			} catch (JOSEException e) {
				throw new IllegalStateException(e);
			}
		}

		private RSAKey signingRsaKey() throws JOSEException {
			return signedByStranger ? new RSAKeyGenerator(2048).keyID(rsaKey.getKeyID()).generate() : rsaKey;
		}

		private ECKey signingEcKey() throws JOSEException {
			return signedByStranger ? new ECKeyGenerator(Curve.P_256).keyID(ecKey.getKeyID()).generate() : ecKey;
		}
	}
}
