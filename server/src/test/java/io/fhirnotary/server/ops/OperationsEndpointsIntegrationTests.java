package io.fhirnotary.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp.Response;
import org.junit.jupiter.api.Test;

/** Liveness, readiness (which includes the database) and Prometheus metrics for operators. */
class OperationsEndpointsIntegrationTests extends PostgresIntegrationTest {

	@Test
	void livenessAndReadinessAreUp() {
		Response liveness = http.get(serverRoot() + "/actuator/health/liveness");
		Response readiness = http.get(serverRoot() + "/actuator/health/readiness");

		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void readinessChecksTheDatabase() {
		Response readiness = http.get(serverRoot() + "/actuator/health/readiness?show-components=true");
		Response health = http.get(serverRoot() + "/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"db\"");
	}

	@Test
	void prometheusMetricsIncludeHttpAndConnectionPoolFigures() {
		http.get("metadata");

		Response metrics = http.get(serverRoot() + "/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}
}
