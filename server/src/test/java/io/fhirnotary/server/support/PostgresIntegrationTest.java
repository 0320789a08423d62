package io.fhirnotary.server.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that prove the server's behaviour: the real application on a random port, on a
 * real PostgreSQL database. All subclasses share one Spring context (same configuration), so
 * the server starts once per test run; tests therefore use their own identifiers and never
 * assume an empty database. What the server is and how tests call it: {@link ServerIntegrationTest}.
 */
public abstract class PostgresIntegrationTest extends ServerIntegrationTest {

	@DynamicPropertySource
	static void sharedDatabase(DynamicPropertyRegistry registry) {
		registerServer(registry, PostgresTestDatabase.shared());
	}
}
