package io.fhirnotary.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Protected mode's front door against an external issuer (the tests' {@code TestIssuer}, known to
 * the server only by its JWKS URL and issuer name): which tokens get in, and what the others get.
 */
class AuthenticationIntegrationTests extends PostgresIntegrationTest {

	private static final String READ_ALL = "system/*.rs";

	@Test
	void requestWithoutTokenIs401WithBearerChallengeAndOperationOutcome() {
		RawHttp.Response response = anonymousHttp.get("Patient");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate()).startsWith("Bearer");
		assertThat(response.contentType()).startsWith("application/fhir+json");
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("\"code\":\"login\"");
	}

	@Test
	void writeWithoutTokenIs401AndStoresNothing() {
		StoredCounts before = storedCounts();

		RawHttp.Response response = anonymousHttp.send(
				"POST", "Patient", "application/fhir+json", "{\"resourceType\":\"Patient\",\"active\":true}");

		assertThat(response.status()).isEqualTo(401);
		assertThat(storedCounts()).isEqualTo(before);
	}

	@Test
	void validTokensSignedEs256OrRs256AreAccepted() {
		String es256 = token(t -> t.clientId("reader").scope(READ_ALL));
		String rs256 = token(t -> t.clientId("reader").scope(READ_ALL).rs256());

		assertThat(httpAs(es256).get("Organization?_count=1").status()).isEqualTo(200);
		assertThat(httpAs(rs256).get("Organization?_count=1").status()).isEqualTo(200);
	}

	@Test
	void expiredTokenIs401() {
		String expired = token(t -> t.clientId("reader").scope(READ_ALL).expiresAt(Instant.now().minus(Duration.ofMinutes(5))));

		RawHttp.Response response = httpAs(expired).get("Organization");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate()).contains("invalid_token");
		assertThat(response.body()).contains("OperationOutcome");
	}

	@Test
	void tokenNotYetValidIs401() {
		String early = token(t -> t.clientId("reader").scope(READ_ALL).notBefore(Instant.now().plus(Duration.ofMinutes(10))));

		assertThat(httpAs(early).get("Organization").status()).isEqualTo(401);
	}

	@Test
	void tokenFromAnotherIssuerIs401() {
		String foreign = token(t -> t.clientId("reader").scope(READ_ALL).issuer("https://elsewhere.example/issuer"));

		assertThat(httpAs(foreign).get("Organization").status()).isEqualTo(401);
	}

	@Test
	void tokenForAnotherAudienceIs401() {
		String otherApi = token(t -> t.clientId("reader").scope(READ_ALL).audience("https://other-api.example/fhir"));
		String noAudience = token(t -> t.clientId("reader").scope(READ_ALL).audience(null));

		assertThat(httpAs(otherApi).get("Organization").status()).isEqualTo(401);
		assertThat(httpAs(noAudience).get("Organization").status()).isEqualTo(401);
	}

	@Test
	void tokenSignedWithUnknownKeyIs401() {
		String forged = token(t -> t.clientId(CUSTODIAN_CLIENT).scope("system/*.cruds").signedByStranger());
		String forgedRsa = token(t -> t.clientId(CUSTODIAN_CLIENT).scope("system/*.cruds").signedByStranger().rs256());

		assertThat(httpAs(forged).get("Organization").status()).isEqualTo(401);
		assertThat(httpAs(forgedRsa).get("Organization").status()).isEqualTo(401);
	}

	@Test
	void garbageTokenIs401() {
		assertThat(httpAs("not-a-jwt").get("Organization").status()).isEqualTo(401);
	}

	@Test
	void validTokenWithoutScopeForTheInteractionIs403WithOperationOutcome() {
		String observationsOnly = token(t -> t.clientId("reader").fhirUser("Practitioner/x").scope("user/Observation.rs"));

		RawHttp.Response read = httpAs(observationsOnly).get("MedicationRequest/does-not-matter");
		RawHttp.Response search = httpAs(observationsOnly).get("MedicationRequest?status=active");
		RawHttp.Response noScopes = httpAs(token(t -> t.clientId("reader").scope("openid"))).get("Organization");

		assertThat(read.status()).isEqualTo(403);
		assertThat(read.body()).contains("OperationOutcome").contains("forbidden");
		assertThat(search.status()).isEqualTo(403);
		assertThat(noScopes.status()).isEqualTo(403);
	}

	@Test
	void readScopeDoesNotAllowWriting() {
		String readOnly = token(t -> t.clientId(CUSTODIAN_CLIENT).scope("system/*.rs"));
		StoredCounts before = storedCounts();

		RawHttp.Response response = httpAs(readOnly).send(
				"POST", "Organization", "application/fhir+json", "{\"resourceType\":\"Organization\",\"name\":\"x\"}");

		assertThat(response.status()).isEqualTo(403);
		assertThat(storedCounts()).isEqualTo(before);
	}

	@Test
	void terminologyUploadsAreForCustodiansOnly() {
		String notCustodian = token(t -> t.clientId("some-ehr").scope("system/*.cruds"));

		RawHttp.Response response = httpAs(notCustodian).send("POST", "CodeSystem/$upload-external-code-system",
				"application/fhir+json", "{\"resourceType\":\"Parameters\"}");

		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void capabilityStatementHealthAndMetricsArePublic() {
		assertThat(anonymousHttp.get("metadata").status()).isEqualTo(200);
		RawHttp root = new RawHttp(serverRoot());
		assertThat(root.get("/actuator/health").status()).isEqualTo(200);
		assertThat(root.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(root.get("/actuator/info").status()).isEqualTo(200);
	}

	@Test
	void withoutTheDevProfileThereIsNoDevTokenEndpoint() {
		RawHttp root = new RawHttp(serverRoot());

		RawHttp.Response token = root.send("POST", "/oauth/token", "application/x-www-form-urlencoded",
				"grant_type=client_credentials");
		RawHttp.Response jwks = root.get("/oauth/jwks");

		assertThat(token.status()).isEqualTo(404);
		assertThat(jwks.status()).isEqualTo(404);
	}

	@Test
	void smartConfigurationIsPublicAndAbsentWithoutATokenEndpoint() {
		// This context trusts an external issuer without fhirnotary.security.token-endpoint: nothing to advertise.
		RawHttp.Response response = anonymousHttp.get(".well-known/smart-configuration");

		assertThat(response.status()).isEqualTo(404);
	}
}
