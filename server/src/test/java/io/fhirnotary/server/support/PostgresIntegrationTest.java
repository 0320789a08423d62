package io.fhirnotary.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that prove the server's behaviour: the real application on a random port, on a
 * real PostgreSQL database. All subclasses share one Spring context (same configuration), so
 * the server starts once per test run; tests therefore use their own identifiers and never
 * assume an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
// Boot's tests switch metrics export off unless asked; operators rely on /actuator/prometheus.
@AutoConfigureObservability
public abstract class PostgresIntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	static {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase database = PostgresTestDatabase.shared();
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", database::password);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	protected IGenericClient client;
	protected RawHttp http;

	@BeforeEach
	void connectClients() {
		client = FHIR.newRestfulGenericClient(fhirBase());
		http = new RawHttp(fhirBase());
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

	/** What is stored, counted in HAPI's own tables: current resources and all their versions. */
	protected StoredCounts storedCounts() {
		Long resources = jdbc.queryForObject("SELECT count(*) FROM hfj_resource", Long.class);
		Long versions = jdbc.queryForObject("SELECT count(*) FROM hfj_res_ver", Long.class);
		return new StoredCounts(resources, versions);
	}

	public record StoredCounts(long resources, long versions) {}
}
