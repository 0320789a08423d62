package io.fhirnotary.server.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.server.support.RawHttp;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the notary tests on the shared server context do alike: wait for anchoring, read answers. */
final class NotaryTestSupport {

	static final Duration ANCHORED_WITHIN = Duration.ofSeconds(90);

	private NotaryTestSupport() {
	}

	/**
	 * Waits until the version's batch is mined, watching the outbox table (so the wait adds no
	 * requests, hence no AuditEvents, to the shared server).
	 */
	static void awaitAnchored(JdbcTemplate jdbc, String type, String id, String version) {
		await().atMost(ANCHORED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> states(jdbc, type, id, version),
				states -> states.contains("CONFIRMED") || states.contains("FINAL"));
	}

	static List<String> states(JdbcTemplate jdbc, String type, String id, String version) {
		return jdbc.queryForList("SELECT state FROM fhirnotary_outbox WHERE resource_type = ? AND resource_id = ? AND version_id = ?",
				String.class, type, id, version);
	}

	/** The 200 answer as Parameters (fails the test on any other status). */
	static Parameters parameters(RawHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, response.body());
	}

	/** A parameter's primitive value (fails the test when it is absent). */
	static String value(Parameters parameters, String name) {
		Parameters.ParametersParameterComponent parameter = parameters.getParameter(name);
		assertThat(parameter).as("parameter %s", name).isNotNull();
		return parameter.getValue().primitiveValue();
	}

	/** {@code $verify} of one version, once. */
	static Parameters verify(RawHttp as, String type, String id, String version) {
		return parameters(as.get(type + "/" + id + "/_history/" + version + "/$verify"));
	}
}
