package io.fhirnotary.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.fhirnotary.testkit.FreshPostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every server test needs: the real application on a random port, in protected mode, trusting
 * {@link TestIssuer} (an external issuer, as in production), with {@link #client} and
 * {@link #http} acting as a custodian EHR system and {@link #token}, {@link #clientAs} and
 * {@link #httpAs} playing any other caller. Which database it runs on is the subclass's choice:
 * {@link PostgresIntegrationTest} is the shared one almost every test uses; a test that needs a
 * server of its own registers {@link #registerServer} with a database of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
// Boot's tests switch metrics export off unless asked; operators rely on /actuator/prometheus.
@AutoConfigureObservability
public abstract class ServerIntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	static {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
	}

	/** The settings of a test server on {@code database}: issuer, roles, keystore, notary. */
	protected static void registerServer(DynamicPropertyRegistry registry, FreshPostgresDatabase database) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", database::password);
		TestIssuer issuer = TestIssuer.shared();
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
		registry.add("fhirnotary.security.custodian-clients", () -> CUSTODIAN_CLIENT);
		registry.add("fhirnotary.security.auditor-clients", () -> AUDITOR_CLIENT);
		// Encryption at rest: a keystore made for this test run, outside the repository.
		registry.add("fhirnotary.crypto.keystore", () -> TEST_KEYSTORE.toString());
		registry.add("fhirnotary.crypto.create-keystore", () -> "true");
		// Notary: one real Anvil node per test JVM; the contract is deployed on start, batches are
		// anchored every few hundred milliseconds so tests wait little.
		AnvilTestChain chain = AnvilTestChain.shared();
		registry.add("fhirnotary.notary.rpc-url", chain::rpcUrl);
		registry.add("fhirnotary.notary.chain-id", () -> Long.toString(AnvilTestChain.CHAIN_ID));
		registry.add("fhirnotary.notary.deploy-if-missing", () -> "true");
		registry.add("fhirnotary.notary.private-key", () -> AnvilTestChain.NOTARY_KEY);
		registry.add("fhirnotary.notary.batch-interval", () -> "300ms");
		registry.add("fhirnotary.notary.confirmations", () -> "1");
	}

	/** The test run's keystore (kek-1 and index-hmac-1, created on start), in a temporary folder. */
	protected static final Path TEST_KEYSTORE = testKeystore();

	private static Path testKeystore() {
		try {
			return Files.createTempDirectory("fhirnotary-test-keys").resolve("fhirnotary.p12");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The client id the tests' default clients use: a custodian EHR system with {@code system/*.cruds}. */
	public static final String CUSTODIAN_CLIENT = "test-custodian";
	/** The client id configured as auditor. */
	public static final String AUDITOR_CLIENT = "test-auditor";

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	/** Acts as the custodian EHR system (client {@value #CUSTODIAN_CLIENT}, {@code system/*.cruds}). */
	protected IGenericClient client;
	/** Raw HTTP as the custodian EHR system. */
	protected RawHttp http;
	/** Raw HTTP without any token. */
	protected RawHttp anonymousHttp;

	@BeforeEach
	void connectClients() {
		String custodian = custodianToken();
		client = clientAs(custodian);
		http = httpAs(custodian);
		anonymousHttp = new RawHttp(fhirBase());
	}

	/**
	 * A token from the tests' issuer, for this server's FHIR base as audience, valid ten minutes;
	 * {@code spec} says who the caller is (client id, fhirUser, scope, purpose of use, ...).
	 */
	protected String token(Consumer<TestIssuer.Builder> spec) {
		TestIssuer.Builder builder = TestIssuer.shared().token(fhirBase());
		spec.accept(builder);
		return builder.build();
	}

	/** A fresh token for the custodian EHR system the default clients act as. */
	protected String custodianToken() {
		return token(t -> t.clientId(CUSTODIAN_CLIENT).scope("system/*.cruds"));
	}

	/** A FHIR client that sends {@code token} as its bearer token. */
	protected IGenericClient clientAs(String token) {
		IGenericClient authorised = FHIR.newRestfulGenericClient(fhirBase());
		authorised.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return authorised;
	}

	/** Raw HTTP that sends {@code token} as its bearer token. */
	protected RawHttp httpAs(String token) {
		return new RawHttp(fhirBase(), token);
	}

	protected static FhirContext fhirContext() {
		return FHIR;
	}

	protected String fhirBase() {
		return "http://localhost:" + port + "/fhir";
	}

	protected String serverRoot() {
		return "http://localhost:" + port;
	}

	/**
	 * What is stored, counted in HAPI's own tables: current resources and all their versions —
	 * except AuditEvents, which the server adds for every request, refused ones included.
	 */
	protected StoredCounts storedCounts() {
		Long resources = jdbc.queryForObject("SELECT count(*) FROM hfj_resource WHERE res_type <> 'AuditEvent'", Long.class);
		Long versions = jdbc.queryForObject("SELECT count(*) FROM hfj_res_ver WHERE res_type <> 'AuditEvent'", Long.class);
		return new StoredCounts(resources, versions);
	}

	public record StoredCounts(long resources, long versions) {}
}
