package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fhirnotary.server.support.RawHttp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * The consent adapter hands every decision to the audit trail: permits and denials, including the
 * denial behind a 404 and decisions taken on HAPI's search threads. Each decision arrives as a
 * decision entity (type {@code resource-types#Consent}, details {@code decision} and
 * {@code reason}): a permit on the RESTful event that released the resource, a denial on a
 * security-alert event of its own.
 */
class ConsentDecisionsAuditedIntegrationTests extends ConsentIntegrationTest {

	private static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";

	@Test
	void aHiddenReadIsAuditedAsADenial() {
		RawHttp.Response response = as(Row.PHARMACY_WITHOUT_CONSENT).get(world.ref("a1"));
		assertThat(response.status()).isEqualTo(404);
		awaitDecision("a1", "110113", "deny", "NO_CONSENT_DEFAULT_DENY");
	}

	@Test
	void searchResultsAreAuditedAsPermitsAndDenials() {
		RawHttp.Response response = as(Row.PHARMACY_ONE_PRESCRIPTION).get("MedicationRequest?subject=" + world.ref("A"));
		assertThat(response.status()).isEqualTo(200);
		awaitDecision("a1", "rest", "permit", "CONSENT_PERMIT");
		awaitDecision("a2", "110113", "deny", "NO_CONSENT_DEFAULT_DENY");
	}

	@Test
	void breakingTheGlassIsAuditedAsEmergency() {
		assertThat(as(Row.EMERGENCY).get(world.ref("o1")).status()).isEqualTo(200);
		AuditEventEntityComponent decision = awaitDecision("o1", "rest", "permit", "EMERGENCY");
		assertThat(detail(decision, "emergency")).isEqualTo("true");
	}

	/**
	 * A permitted read stores one AuditEvent, not a RESTful event plus a consent event: the permit,
	 * with the Consent that granted it, is on the event that names the resource. Found by the
	 * request id the client sent, which every event of the request carries.
	 */
	@Test
	void aPermittedReadIsOneEventNamingTheResourceAndTheConsentThatReleasedIt() {
		String requestId = "rq-" + UUID.randomUUID();
		RawHttp.Response response = as(Row.PHARMACY_WITH_CONSENT)
				.send(HttpRequest.newBuilder(http.uri(world.ref("a1"))).header("X-Request-ID", requestId).GET());
		assertThat(response.status()).isEqualTo(200);
		// A later request's events are stored after this one's (one queue, one writer), so once they
		// are visible, every event of the read is too.
		String markerId = "rq-" + UUID.randomUUID();
		as(Row.PHARMACY_WITH_CONSENT).send(HttpRequest.newBuilder(http.uri(world.ref("a1"))).header("X-Request-ID", markerId).GET());
		await().atMost(Duration.ofSeconds(20)).until(() -> !eventsOfRequest("a1", markerId).isEmpty());

		List<AuditEvent> events = eventsOfRequest("a1", requestId);

		assertThat(events).singleElement().satisfies(event -> {
			assertThat(event.getType().getCode()).isEqualTo("rest");
			assertThat(event.getSubtype()).extracting(subtype -> subtype.getCode()).containsExactly("read", "AuthZ-Consent");
			AuditEventEntityComponent decision = decisionEntities(event).get(0);
			assertThat(detail(decision, "decision")).isEqualTo("permit");
			assertThat(detail(decision, "reason")).isEqualTo("CONSENT_PERMIT");
			assertThat(decision.getWhat().getReference()).startsWith("Consent/");
			assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getReference())
					.anySatisfy(reference -> assertThat(reference).startsWith(world.ref("a1")));
		});
	}

	/** The decision entity of the given verdict and reason on an event of the given type naming the resource. */
	private AuditEventEntityComponent awaitDecision(String key, String eventType, String verdict, String reason) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> eventsAbout(key).stream()
						.filter(event -> eventType.equals(event.getType().getCode()))
						.flatMap(event -> decisionEntities(event).stream())
						.filter(decision -> verdict.equals(detail(decision, "decision")) && reason.equals(detail(decision, "reason")))
						.findFirst(),
				Optional::isPresent).orElseThrow();
	}

	private List<AuditEvent> eventsOfRequest(String key, String requestId) {
		return eventsAbout(key).stream()
				.filter(event -> event.getEntity().stream()
						.anyMatch(entity -> requestId.equals(entity.getWhat().getIdentifier().getValue())))
				.collect(Collectors.toList());
	}

	private List<AuditEvent> eventsAbout(String key) {
		// no-cache: HAPI would otherwise answer a repeated custodian search from its result cache
		Bundle events = parse(Bundle.class, http.send(HttpRequest.newBuilder(
						http.uri("AuditEvent?entity=" + world.ref(key) + "&_count=200"))
				.header("Cache-Control", "no-cache").GET()));
		return events.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).collect(Collectors.toList());
	}

	private static List<AuditEventEntityComponent> decisionEntities(AuditEvent event) {
		return event.getEntity().stream()
				.filter(entity -> RESOURCE_TYPES.equals(entity.getType().getSystem()) && "Consent".equals(entity.getType().getCode()))
				.collect(Collectors.toList());
	}

	private static String detail(AuditEventEntityComponent entity, String type) {
		return entity.getDetail().stream()
				.filter(detail -> type.equals(detail.getType()))
				.map(detail -> detail.getValue().primitiveValue())
				.findFirst()
				.orElse(null);
	}
}
