package io.fhirnotary.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.fhirnotary.server.support.PostedAuditEvents;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * Every REST request leaves BALP AuditEvents, stored as FHIR resources: writes in the same
 * transaction as the write, reads and searches when they complete, refusals too. Found here the
 * way an auditor finds them, by searching AuditEvent (as custodian: the test reads everything).
 */
class AuditTrailIntegrationTests extends PostgresIntegrationTest {

	private static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";

	@Test
	void createIsAuditedUnderThePatientWithTheResourceVersion() {
		String clientId = uniqueClient();
		IGenericClient ehr = clientAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(clientId).scope("system/*.cruds")));
		Patient patient = new Patient();
		patient.addName().setFamily("Audited");
		String patientId = ehr.create().resource(patient).execute().getId().getIdPart();

		List<AuditEvent> events = eventsOf(clientId, 1);

		assertThat(events).hasSize(1);
		AuditEvent created = events.get(0);
		assertThat(created.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
		assertThat(created.getSubtypeFirstRep().getCode()).isEqualTo("create");
		assertThat(created.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(created.getEntity()).extracting(e -> e.getWhat().getReference())
				.contains("Patient/" + patientId, "Patient/" + patientId + "/_history/1");
		Bundle aboutPatient = client.search().forResource(AuditEvent.class)
				.where(AuditEvent.PATIENT.hasId("Patient/" + patientId)).returnBundle(Bundle.class).execute();
		assertThat(aboutPatient.getEntry()).hasSizeGreaterThanOrEqualTo(1);
	}

	@Test
	void readsAndSearchesAreAuditedWithParameterNamesButNoValues() {
		String secretFamily = "Zz" + UUID.randomUUID().toString().replace("-", "");
		Patient patient = new Patient();
		patient.addName().setFamily(secretFamily);
		String patientId = client.create().resource(patient).execute().getId().getIdPart();
		String clientId = uniqueClient();
		RawHttp reader = httpAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(clientId).scope("system/*.rs")));

		assertThat(reader.get("Patient/" + patientId).status()).isEqualTo(200);
		assertThat(reader.get("Patient?family=" + secretFamily).status()).isEqualTo(200);

		List<AuditEvent> events = eventsOf(clientId, 2);
		assertThat(events).extracting(e -> e.getSubtypeFirstRep().getCode()).contains("read", "search-type");
		AuditEvent search = events.stream().filter(e -> e.getSubtypeFirstRep().getCode().equals("search-type")).findFirst().orElseThrow();
		assertThat(search.getEntity()).extracting(e -> e.getWhat().getReference()).contains("Patient/" + patientId);
		String stored = fhirContext().newJsonParser().encodeResourceToString(search);
		assertThat(new String(search.getEntity().stream().filter(e -> e.hasQuery()).findFirst().orElseThrow().getQuery()))
				.isEqualTo("family");
		assertThat(stored).doesNotContain(secretFamily);
		List<String> allStored = jdbc.queryForList(
				"SELECT res_text_vc FROM hfj_res_ver WHERE res_type = 'AuditEvent' AND res_text_vc IS NOT NULL", String.class);
		assertThat(allStored).noneMatch(text -> text.contains(secretFamily));
		// the read and the search are in the audit journal, whose columns hold no query value either
		List<String> journalled = jdbc.queryForList("SELECT type_code || subtypes || action_code || outcome || agents || entities "
				+ "FROM fhirnotary_audit_journal", String.class);
		assertThat(journalled).isNotEmpty().noneMatch(text -> text.contains(secretFamily));
	}

	@Test
	void refusedRequestIsAuditedWithItsFailure() {
		String clientId = uniqueClient();
		RawHttp readOnly = httpAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(clientId).scope("system/Organization.rs")));

		RawHttp.Response refused = readOnly.send(
				"POST", "Organization", "application/fhir+json", "{\"resourceType\":\"Organization\",\"name\":\"x\"}");

		assertThat(refused.status()).isEqualTo(403);
		List<AuditEvent> events = eventsOf(clientId, 1);
		assertThat(events).hasSize(1);
		assertThat(events.get(0).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(events.get(0).getSubtypeFirstRep().getCode()).isEqualTo("create");
	}

	@Test
	void transactionIsAuditedOnceForAllItsEntriesInTheSameCommit() {
		String clientId = uniqueClient();
		IGenericClient ehr = clientAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(clientId).scope("system/*.cruds")));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < 3; i++) {
			Organization organization = new Organization().setName("Audited org " + i);
			transaction.addEntry().setResource(organization).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Organization");
		}

		Bundle response = ehr.transaction().withBundle(transaction).execute();

		List<AuditEvent> events = eventsOf(clientId, 1);
		assertThat(events).hasSize(1);
		assertThat(events.get(0).getSubtypeFirstRep().getCode()).isEqualTo("transaction");
		List<String> written = new ArrayList<>();
		response.getEntry().forEach(e -> written.add(e.getResponse().getLocation()));
		assertThat(events.get(0).getEntity()).extracting(e -> e.getWhat().getReference()).containsAll(written);
	}

	@Test
	void failedTransactionLeavesOnlyAFailureRecord() {
		String clientId = uniqueClient();
		RawHttp ehr = httpAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(clientId).scope("system/*.cruds")));
		String bundle = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":{"resourceType":"Organization","name":"fine"},"request":{"method":"POST","url":"Organization"}},
				 {"resource":{"resourceType":"Patient","gender":"not-a-gender"},"request":{"method":"POST","url":"Patient"}}]}""";

		RawHttp.Response response = ehr.send("POST", "", "application/fhir+json", bundle);

		assertThat(response.status()).isEqualTo(400);
		List<AuditEvent> events = eventsOf(clientId, 1);
		assertThat(events).hasSize(1);
		assertThat(events.get(0).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
	}

	@Test
	void auditEventsRecordWhoAskedAndWhen() {
		String clientId = uniqueClient();
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		httpAs(token(t -> t.clientId(clientId).fhirUser("Practitioner/auditing-dr").scope("user/Organization.rs")))
				.get("Organization?_count=1");

		AuditEvent event = eventsOf(clientId, 1).get(0);
		assertThat(event.getRecorded().toInstant()).isAfterOrEqualTo(before);
		assertThat(event.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getWho().getReference()).isEqualTo("Practitioner/auditing-dr");
			assertThat(agent.getRequestor()).isTrue();
		});
		assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("fhir-notary");
	}

	/**
	 * An AuditEvent HAPI stores (one a custodian system posts; the server's own go to the audit
	 * journal) is indexed by what the audit trail is searched by, and not by its entity types and
	 * roles (AuditEventSearchParameters): those rows were most of what storing one cost.
	 */
	@Test
	void postedAuditEventsAreIndexedOnlyByWhatTheTrailIsSearchedBy() {
		String clientId = uniqueClient();
		AuditEvent posted = PostedAuditEvents.readBy(clientId);
		String id = clientAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(clientId).scope("system/*.cruds")))
				.create().resource(posted).execute().getId().getIdPart();

		Long resourceId = jdbc.queryForObject(
				"SELECT res_id FROM hfj_resource WHERE res_type = 'AuditEvent' AND fhir_id = ?", Long.class, id);
		List<String> tokenParameters = jdbc.queryForList(
				"SELECT DISTINCT sp_name FROM hfj_spidx_token WHERE res_id = ?", String.class, resourceId);
		assertThat(tokenParameters).contains("type", "subtype", "action", "outcome")
				.doesNotContain("entity-type", "entity-role", "agent-role", "site", "altid");

		RawHttp.Response refused = http.get("AuditEvent?entity-type=2");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("OperationOutcome").contains("entity-type");
		Bundle bySubtype = fhirContext().newJsonParser().parseResource(Bundle.class,
				freshSearch(http, "AuditEvent?subtype=posted-by-test&_id=" + id).body());
		assertThat(bySubtype.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
				.containsExactly(id);
	}

	@Test
	void auditEventsNeverBlockADeleteButClinicalReferencesStillDo() {
		Patient patient = new Patient();
		patient.addName().setFamily("ToBeDeleted");
		String patientId = client.create().resource(patient).execute().getId().getIdPart();
		assertThat(http.get("Patient/" + patientId).status()).isEqualTo(200);
		org.hl7.fhir.r4.model.Observation observation = new org.hl7.fhir.r4.model.Observation();
		observation.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
		observation.getCode().setText("weight");
		observation.getSubject().setReference("Patient/" + patientId);
		String observationId = client.create().resource(observation).execute().getId().getIdPart();
		eventsAbout(patientId, 2);

		RawHttp.Response blocked = http.send("DELETE", "Patient/" + patientId, null, (byte[]) null);
		assertThat(blocked.status()).isEqualTo(409);
		assertThat(blocked.body()).contains("Observation/" + observationId).doesNotContain("AuditEvent/");

		assertThat(http.send("DELETE", "Observation/" + observationId, null, (byte[]) null).status()).isEqualTo(200);
		assertThat(http.send("DELETE", "Patient/" + patientId, null, (byte[]) null).status()).isEqualTo(200);
		assertThat(http.get("Patient/" + patientId).status()).isEqualTo(410);
	}

	@Test
	void patientListsWhoLookedAtTheirRecordIncludingEmergencyAccessAndNobodyElseCan() {
		Patient patient = new Patient();
		patient.addName().setFamily("Watched");
		String patientId = client.create().resource(patient).execute().getId().getIdPart();
		String erPhysician = token(t -> t.clientId("er-" + UUID.randomUUID()).fhirUser("Practitioner/er-" + UUID.randomUUID())
				.scope("user/*.rs").purposeOfUse("ETREAT"));
		assertThat(httpAs(erPhysician).get("Patient/" + patientId).status()).isEqualTo(200);
		RawHttp self = httpAs(token(t -> t.clientId("patient-app").fhirUser("Patient/" + patientId).scope("patient/*.rs")));
		RawHttp stranger = httpAs(token(t -> t.clientId("patient-app").fhirUser("Patient/someone-else").scope("patient/*.rs")));
		String aboutMe = "AuditEvent?patient=Patient/" + patientId;

		Bundle found = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
				.until(() -> fhirContext().newJsonParser().parseResource(Bundle.class, freshSearch(self, aboutMe).body()),
						bundle -> bundle.getEntry().stream().anyMatch(entry -> isEmergency((AuditEvent) entry.getResource())));

		assertThat(found.getEntry()).allSatisfy(entry -> assertThat(((AuditEvent) entry.getResource()).getEntity())
				.anySatisfy(entity -> assertThat(entity.getWhat().getReference()).isEqualTo("Patient/" + patientId)));
		Bundle forStranger = fhirContext().newJsonParser().parseResource(Bundle.class,
				stranger.get("AuditEvent?patient=Patient/" + patientId).body());
		assertThat(forStranger.getEntry()).isEmpty();
	}

	private static boolean isEmergency(AuditEvent event) {
		return event.getMeta().getSecurity().stream().anyMatch(label -> "ETREAT".equals(label.getCode()))
				|| event.getPurposeOfEvent().stream().anyMatch(purpose -> purpose.getCoding().stream()
						.anyMatch(coding -> "ETREAT".equals(coding.getCode())));
	}

	/** A search HAPI must run again rather than answer from its cache of recent identical searches. */
	private static RawHttp.Response freshSearch(RawHttp caller, String query) {
		return caller.send(java.net.http.HttpRequest.newBuilder(caller.uri(query)).header("Cache-Control", "no-cache").GET());
	}

	private void eventsAbout(String patientId, int expected) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
				client.search().forResource(AuditEvent.class).where(AuditEvent.PATIENT.hasId("Patient/" + patientId))
						.cacheControl(new CacheControlDirective().setNoCache(true))
						.returnBundle(Bundle.class).execute().getEntry().size() >= expected);
	}

	/**
	 * A caller these tests can pick out of the audit trail: a unique {@code Device} as the user of
	 * the custodian client (or, for a non-custodian, as its client id too).
	 */
	private static String uniqueClient() {
		return "Device/audit-test-" + UUID.randomUUID();
	}

	/**
	 * The AuditEvents whose client agent is {@code clientId}, read as the custodian, once there are
	 * as many as expected: reads are audited right after their response has gone out, so the test
	 * may look before the record is committed.
	 */
	private List<AuditEvent> eventsOf(String clientId, int expected) {
		return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
				.until(() -> eventsOf(clientId), events -> events.size() >= expected);
	}

	private List<AuditEvent> eventsOf(String clientId) {
		List<AuditEvent> found = new ArrayList<>();
		// no-cache: HAPI would otherwise answer a repeated search from its cache of recent results.
		// Newest first, one page: the suite writes thousands of AuditEvents (every version is also
		// notarised and every body decrypted), and this test's own are among the newest 200.
		Bundle page = client.search().forResource(AuditEvent.class)
				.where(AuditEvent.DATE.afterOrEquals().second(java.util.Date.from(Instant.now().minusSeconds(300))))
				.sort().descending(AuditEvent.DATE)
				.count(200)
				.cacheControl(new CacheControlDirective().setNoCache(true))
				.returnBundle(Bundle.class).execute();
		if (page != null) {
			for (Bundle.BundleEntryComponent entry : page.getEntry()) {
				AuditEvent event = (AuditEvent) entry.getResource();
				boolean byClient = event.getAgent().stream().anyMatch(agent ->
						clientId.equals(agent.getWho().getIdentifier().getValue())
								|| clientId.equals(agent.getWho().getReference()));
				if (byClient) {
					found.add(event);
				}
			}
		}
		return found;
	}
}
