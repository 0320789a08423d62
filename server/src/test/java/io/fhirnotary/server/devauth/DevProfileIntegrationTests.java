package io.fhirnotary.server.devauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.fhirnotary.server.support.RawHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The quick start's configuration: the dev profile on embedded H2, protected mode, with its own
 * SMART Backend Services token endpoint. Clients get tokens the way a backend service does
 * (a client assertion signed with their key), and the endpoint refuses what a real one refuses.
 */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"fhirnotary.data-dir=./target/dev-profile-test"})
@ActiveProfiles("dev")
class DevProfileIntegrationTests {

	private static final Path DATA_DIR = Path.of("target/dev-profile-test");

	@LocalServerPort
	int port;

	private String root() {
		return "http://localhost:" + port;
	}

	private RawHttp fhir(String token) {
		return new RawHttp(root() + "/fhir", token);
	}

	@Test
	void demoClientGetsATokenThatTheFhirEndpointAccepts() throws Exception {
		String token = DevTokenCommand.token(root(), DATA_DIR, "demo-custodian-ehr", null, null);

		assertThat(fhir(null).get("Organization").status()).isEqualTo(401);
		assertThat(fhir(token).get("Organization").status()).isEqualTo(200);
		SignedJWT parsed = SignedJWT.parse(token);
		assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly(root() + "/fhir");
		assertThat(parsed.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("demo-custodian-ehr");
		assertThat(parsed.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("system/*.cruds");
	}

	@Test
	void tokensCarryTheDemoUserAndOnlyAllowedPurposes() throws Exception {
		String emergency = DevTokenCommand.token(root(), DATA_DIR, "demo-er-physician", "ETREAT", null);

		SignedJWT parsed = SignedJWT.parse(emergency);
		assertThat(parsed.getJWTClaimsSet().getStringClaim("fhirUser")).isEqualTo("Practitioner/demo-er-physician");
		assertThat(parsed.getJWTClaimsSet().getStringListClaim("purpose_of_use")).containsExactly("ETREAT");

		RawHttp.Response pharmacyBreakingGlass = tokenRequest(
				DevTokenCommand.assertion(clientKey("demo-pharmacy-1"), "demo-pharmacy-1", tokenEndpoint()),
				"&purpose_of_use=ETREAT");
		assertThat(pharmacyBreakingGlass.status()).isEqualTo(400);
		assertThat(pharmacyBreakingGlass.body()).contains("invalid_request");
	}

	@Test
	void narrowerScopeCanBeRequestedButNotAWiderOne() throws Exception {
		String narrower = DevTokenCommand.token(root(), DATA_DIR, "demo-pharmacy-1", null, "user/MedicationRequest.rs");
		assertThat(SignedJWT.parse(narrower).getJWTClaimsSet().getStringClaim("scope")).isEqualTo("user/MedicationRequest.rs");

		RawHttp.Response wider = tokenRequest(
				DevTokenCommand.assertion(clientKey("demo-pharmacy-1"), "demo-pharmacy-1", tokenEndpoint()),
				"&scope=" + URLEncoder.encode("system/*.cruds", StandardCharsets.UTF_8));
		assertThat(wider.status()).isEqualTo(400);
		assertThat(wider.body()).contains("invalid_scope");
	}

	@Test
	void replayedAssertionIsRefused() throws Exception {
		String assertion = DevTokenCommand.assertion(clientKey("demo-pharmacy-2"), "demo-pharmacy-2", tokenEndpoint());

		assertThat(tokenRequest(assertion, "").status()).isEqualTo(200);
		RawHttp.Response replay = tokenRequest(assertion, "");
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.body()).contains("invalid_client");
	}

	@Test
	void assertionSignedWithAnotherKeyOrForAnotherAudienceIsRefused() throws Exception {
		ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("demo-custodian-ehr").generate();
		RawHttp.Response forged = tokenRequest(
				DevTokenCommand.assertion(stranger, "demo-custodian-ehr", tokenEndpoint()), "");
		RawHttp.Response otherKey = tokenRequest(
				DevTokenCommand.assertion(clientKey("demo-pharmacy-1"), "demo-custodian-ehr", tokenEndpoint()), "");
		RawHttp.Response wrongAudience = tokenRequest(
				DevTokenCommand.assertion(clientKey("demo-custodian-ehr"), "demo-custodian-ehr", "https://elsewhere.example/token"), "");
		RawHttp.Response unknownClient = tokenRequest(
				DevTokenCommand.assertion(stranger, "no-such-client", tokenEndpoint()), "");

		assertThat(List.of(forged, otherKey, wrongAudience, unknownClient))
				.allSatisfy(response -> {
					assertThat(response.status()).isEqualTo(401);
					assertThat(response.body()).contains("invalid_client").doesNotContain("access_token");
				});
	}

	@Test
	void clientSecretsAndOtherGrantsAreNotAccepted() {
		RawHttp.Response response = new RawHttp(root()).send("POST", "/oauth/token", "application/x-www-form-urlencoded",
				"grant_type=client_credentials&client_id=demo-custodian-ehr&client_secret=guess");
		RawHttp.Response password = new RawHttp(root()).send("POST", "/oauth/token", "application/x-www-form-urlencoded",
				"grant_type=password&username=a&password=b");

		assertThat(response.status()).isEqualTo(401);
		assertThat(password.status()).isEqualTo(400);
		assertThat(password.body()).contains("unsupported_grant_type");
	}

	@Test
	void smartConfigurationAdvertisesTheTokenEndpoint() {
		RawHttp.Response response = fhir(null).get(".well-known/smart-configuration");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body())
				.contains("\"token_endpoint\":\"" + tokenEndpoint() + "\"")
				.contains("private_key_jwt")
				.contains("client_credentials");
	}

	@Test
	void keysAreGeneratedInTheDataFolderReadableByTheOwnerOnly() throws Exception {
		Path clientKey = DevKeyFiles.clientKeyFile(DATA_DIR, "demo-patient-app");
		Path issuerKey = DevKeyFiles.folder(DATA_DIR).resolve("issuer.jwk");

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clientKey))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(issuerKey))).isEqualTo("rw-------");
		RawHttp.Response jwks = new RawHttp(root()).get("/oauth/jwks");
		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.body()).contains("\"kty\":\"EC\"").doesNotContain("\"d\":");
	}

	private String tokenEndpoint() {
		return root() + "/oauth/token";
	}

	private static ECKey clientKey(String clientId) throws Exception {
		return DevKeyFiles.read(DevKeyFiles.clientKeyFile(DATA_DIR, clientId));
	}

	private RawHttp.Response tokenRequest(String assertion, String extraForm) {
		String body = "grant_type=client_credentials"
				+ "&client_assertion_type=" + URLEncoder.encode(DevTokenIssuer.ASSERTION_TYPE, StandardCharsets.UTF_8)
				+ "&client_assertion=" + assertion + extraForm;
		return new RawHttp(root()).send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
	}
}
