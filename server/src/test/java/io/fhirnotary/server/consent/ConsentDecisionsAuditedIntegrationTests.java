package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fhirnotary.server.support.RawHttp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * The consent adapter hands every decision to the audit trail: permits and denials, including the
 * denial behind a 404 and decisions taken on HAPI's search threads. What the events look like is
 * the audit trail's business; here only that each decision arrives, with its reason.
 */
class ConsentDecisionsAuditedIntegrationTests extends ConsentIntegrationTest {

	@Test
	void aHiddenReadIsAuditedAsADenial() {
		RawHttp.Response response = as(Row.PHARMACY_WITHOUT_CONSENT).get(world.ref("a1"));
		assertThat(response.status()).isEqualTo(404);
		awaitDecision("a1", AuditEvent.AuditEventOutcome._8, "NO_CONSENT_DEFAULT_DENY");
	}

	@Test
	void searchResultsAreAuditedAsPermitsAndDenials() {
		RawHttp.Response response = as(Row.PHARMACY_ONE_PRESCRIPTION).get("MedicationRequest?subject=" + world.ref("A"));
		assertThat(response.status()).isEqualTo(200);
		awaitDecision("a1", AuditEvent.AuditEventOutcome._0, "CONSENT_PERMIT");
		awaitDecision("a2", AuditEvent.AuditEventOutcome._8, "NO_CONSENT_DEFAULT_DENY");
	}

	@Test
	void breakingTheGlassIsAuditedAsEmergency() {
		assertThat(as(Row.EMERGENCY).get(world.ref("o1")).status()).isEqualTo(200);
		awaitDecision("o1", AuditEvent.AuditEventOutcome._0, "EMERGENCY");
	}

	private void awaitDecision(String key, AuditEvent.AuditEventOutcome outcome, String reason) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			// no-cache: HAPI would otherwise answer a repeated custodian search from its result cache
			Bundle events = parse(Bundle.class, http.send(HttpRequest.newBuilder(
							http.uri("AuditEvent?entity=" + world.ref(key) + "&_count=200"))
					.header("Cache-Control", "no-cache").GET()));
			List<String> decisions = events.getEntry().stream()
					.map(entry -> (AuditEvent) entry.getResource())
					.filter(event -> event.getOutcome() == outcome)
					.map(AuditEvent::getOutcomeDesc)
					.collect(Collectors.toList());
			assertThat(decisions).contains(reason);
		});
	}
}
