package io.fhirnotary.server.notary;

import static io.fhirnotary.server.notary.NotaryTestSupport.awaitAnchored;
import static io.fhirnotary.server.notary.NotaryTestSupport.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fhirnotary.notary.verify.Reverifier;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The background re-verification on PostgreSQL and Anvil, triggered through
 * {@code $notary-reverify}: a ciphertext changed behind the server's back raises the tampered
 * counter on {@code /actuator/prometheus}, and the log event names exactly that version, by
 * reference only.
 */
class NotaryReverificationIntegrationTests extends PostgresIntegrationTest {

	private static final Pattern TAMPERED_COUNTER =
			Pattern.compile("(?m)^fhirnotary_notary_reverify_versions_total\\{[^}]*result=\"tampered\"[^}]*\\} ([0-9.eE+]+)$");

	private RawHttp auditor() {
		return httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/*.rs")));
	}

	@Test
	void aCiphertextChangedInPostgresRaisesTheTamperedCounterAndIsLoggedByReferenceOnly() {
		String family = "Reverify" + java.util.UUID.randomUUID().toString().substring(0, 8);
		String tampered = createPatient(family);
		String untouched = createPatient(family + "Other");
		awaitAnchored(jdbc, "Patient", tampered, "1");
		awaitAnchored(jdbc, "Patient", untouched, "1");
		int changed = jdbc.update("UPDATE fn_resource_body SET ciphertext = set_byte(ciphertext, 40, (get_byte(ciphertext, 40) + 1) % 256) "
				+ "WHERE res_pid = (SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ?) AND res_ver = 1", tampered);
		assertThat(changed).isEqualTo(1);
		double before = tamperedCounter();

		ListAppender<ILoggingEvent> log = capture();
		Parameters run;
		try {
			run = parameters(auditor().send("POST", "$notary-reverify", "application/fhir+json", "{\"resourceType\":\"Parameters\"}"));
		} finally {
			((Logger) LoggerFactory.getLogger(Reverifier.class)).detachAppender(log);
		}

		String reference = "Patient/" + tampered + "/_history/1";
		assertThat(values(run, "tamperedVersion")).contains(reference).doesNotContain("Patient/" + untouched + "/_history/1");
		assertThat(Long.parseLong(NotaryTestSupport.value(run, "checked"))).isPositive();
		assertThat(tamperedCounter()).isGreaterThanOrEqualTo(before + 1);
		assertThat(metrics()).contains("fhirnotary_notary_reverify_last_run_timestamp_seconds");

		List<String> aboutIt = log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(tampered)).toList();
		assertThat(aboutIt).hasSize(1);
		assertThat(aboutIt.get(0)).contains(reference + " is tampered");
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(family));
	}

	@Test
	void onlyAuditorsAndCustodiansMayStartARun() {
		RawHttp pharmacy = httpAs(token(t -> t.clientId("notary-test-pharmacy").fhirUser("Organization/notary-test-pharmacy")
				.scope("user/*.rs").purposeOfUse("TREAT")));
		assertThat(pharmacy.send("POST", "$notary-reverify", "application/fhir+json", "{\"resourceType\":\"Parameters\"}").status())
				.isEqualTo(403);
	}

	private static ListAppender<ILoggingEvent> capture() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		((Logger) LoggerFactory.getLogger(Reverifier.class)).addAppender(appender);
		return appender;
	}

	private String metrics() {
		RawHttp.Response metrics = http.get(serverRoot() + "/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		return metrics.body();
	}

	private double tamperedCounter() {
		Matcher counter = TAMPERED_COUNTER.matcher(metrics());
		assertThat(counter.find()).as("the tampered counter is exported").isTrue();
		return Double.parseDouble(counter.group(1));
	}

	private static List<String> values(Parameters parameters, String name) {
		return parameters.getParameter().stream().filter(p -> name.equals(p.getName()))
				.map(p -> ((PrimitiveType<?>) p.getValue()).getValueAsString()).toList();
	}

	private String createPatient(String family) {
		Patient patient = NotaryCaptureIntegrationTests.patient(family);
		return client.create().resource(patient).execute().getId().getIdPart();
	}
}
