package io.fhirnotary.server.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostedAuditEvents;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The audit journal through the public interface: the AuditEvents of reads are written to the
 * journal (encrypted, blinded, notarised), not to HAPI's tables, and the AuditEvent endpoint serves
 * both stores as one trail, under the same consent rules.
 */
class AuditJournalIntegrationTests extends PostgresIntegrationTest {

	@Test
	void aReadsEventIsJournalledEncryptedAndBlindedNotStoredByHapi() {
		String user = "Practitioner/journal-dr-" + UUID.randomUUID();
		httpAs(token(t -> t.clientId("journal-" + UUID.randomUUID()).fhirUser(user).scope("user/Organization.rs")))
				.get("Organization?_count=1");

		AuditEvent event = awaitEventsBy(user, 1).get(0);

		String id = event.getIdElement().getIdPart();
		assertThat(JournalEvents.isJournalId(id)).as(id).isTrue();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM hfj_resource WHERE res_type = 'AuditEvent' AND fhir_id = ?",
				Long.class, id)).isZero();
		Map<String, Object> row = jdbc.queryForMap("SELECT type_code, subtypes, action_code, outcome, agents, body "
				+ "FROM fhirnotary_audit_journal WHERE id = ?", id);
		// coded values are stored as the search index stores them: system in clear, code blinded
		assertThat((String) row.get("subtypes")).contains("hmac:").doesNotContain("search-type");
		assertThat((String) row.get("type_code")).contains("hmac:").doesNotContain("|rest");
		assertThat((String) row.get("action_code")).contains("hmac:");
		assertThat((String) row.get("agents")).contains(" " + user + " ");
		String body = new String((byte[]) row.get("body"), StandardCharsets.ISO_8859_1);
		assertThat(body).doesNotContain(user).doesNotContain("search-type").doesNotContain("AuditEvent");

		AuditEvent read = fhirContext().newJsonParser().parseResource(AuditEvent.class, http.get("AuditEvent/" + id).body());
		assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
		assertThat(read.getMeta().getVersionId()).isEqualTo("1");
		assertThat(http.get("AuditEvent/" + id + "/_history/1").status()).isEqualTo(200);
		assertThat(http.get("AuditEvent/" + id + "/_history/2").status()).isEqualTo(404);
	}

	@Test
	void theTrailIsSearchedByCodeReferenceAndDateAcrossBothStoresAndPagedNewestFirst() {
		String user = "Device/journal-" + UUID.randomUUID();
		var ehr = clientAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(user).scope("system/*.cruds")));
		String organization = ehr.create().resource(new Organization().setName("Journalled")).execute().getId().getIdPart();
		// an AuditEvent the EHR posts is stored by HAPI; the server's own (of the create and the reads) are journalled
		AuditEvent posted = PostedAuditEvents.readBy(user);
		posted.addEntity().setWhat(new org.hl7.fhir.r4.model.Reference("Organization/" + organization));
		String postedId = ehr.create().resource(posted).execute().getId().getIdPart();
		RawHttp reader = httpAs(token(t -> t.clientId(CUSTODIAN_CLIENT).fhirUser(user).scope("system/*.rs")));
		for (int i = 0; i < 3; i++) {
			assertThat(reader.get("Organization/" + organization).status()).isEqualTo(200);
		}
		// by agent: the five the server wrote (HAPI links a posted event only to what it stores, not to Device/…)
		awaitEventsBy(user, 5);

		List<String> ids = new ArrayList<>();
		List<java.util.Date> recorded = new ArrayList<>();
		// by entity: HAPI links an event to what it names when that exists (the Organization does)
		String about = "AuditEvent?entity=Organization/" + organization;
		String next = about + "&_count=3";
		int pages = 0;
		while (next != null) {
			Bundle page = fhirContext().newJsonParser().parseResource(Bundle.class, http.get(next).body());
			page.getEntry().forEach(entry -> {
				ids.add(entry.getResource().getIdElement().getIdPart());
				recorded.add(((AuditEvent) entry.getResource()).getRecorded());
			});
			next = page.getLink(Bundle.LINK_NEXT) == null ? null : relative(page.getLink(Bundle.LINK_NEXT).getUrl());
			pages++;
		}

		assertThat(pages).isEqualTo(2);
		// the posted event (HAPI's), the Organization's create and its three reads (the journal's)
		assertThat(ids).hasSize(5).doesNotHaveDuplicates().contains(postedId);
		assertThat(ids).filteredOn(JournalEvents::isJournalId).hasSize(4);
		assertThat(recorded).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(idsOf(about + "&subtype=read")).hasSize(3).allMatch(JournalEvents::isJournalId);
		assertThat(idsOf(about + "&subtype=http://hl7.org/fhir/restful-interaction%7Ccreate"))
				.hasSize(1).allMatch(JournalEvents::isJournalId);
		assertThat(idsOf(about + "&subtype=posted-by-test")).containsExactly(postedId);
		assertThat(idsOf(about + "&agent=" + user)).hasSize(4).allMatch(JournalEvents::isJournalId);
		assertThat(idsOf(about + "&outcome=4")).isEmpty();
		assertThat(idsOf(about + "&date=lt2000-01-01")).isEmpty();
		assertThat(idsOf(about + "&_sort=date")).hasSize(5).containsExactlyElementsOf(reversed(ids));
		// _id parameters are conditions that must all hold, each met by any of its values
		List<String> journalled = ids.stream().filter(JournalEvents::isJournalId).toList();
		assertThat(idsOf(about + "&_id=" + journalled.get(0) + "," + journalled.get(1) + "&_id=" + journalled.get(1)))
				.containsExactly(journalled.get(1));
		assertThat(idsOf(about + "&_id=" + journalled.get(0) + "&_id=" + journalled.get(1))).isEmpty();
		assertThat(idsOf(about + "&_id=" + postedId + "&_id=" + journalled.get(0))).isEmpty();
		assertThat(http.get(about + "&_offset=" + (AuditEventProvider.MAX_OFFSET + 1)).status()).isEqualTo(400);
		RawHttp.Response unsupported = http.get(about + "&_include=AuditEvent:entity");
		assertThat(unsupported.status()).isEqualTo(400);
		assertThat(unsupported.body()).contains("OperationOutcome");
	}

	@Test
	void aPatientSeesTheJournalEventsAboutThemAndNobodyElseDoes() {
		Patient patient = new Patient();
		patient.addName().setFamily("Journalled");
		String patientId = client.create().resource(patient).execute().getId().getIdPart();
		String practitioner = "Practitioner/er-" + UUID.randomUUID();
		assertThat(httpAs(token(t -> t.clientId("er-" + UUID.randomUUID()).fhirUser(practitioner).scope("user/*.rs")
				.purposeOfUse("ETREAT"))).get("Patient/" + patientId).status()).isEqualTo(200);
		AuditEvent read = awaitEventsBy(practitioner, 1).get(0);
		String id = read.getIdElement().getIdPart();
		assertThat(JournalEvents.isJournalId(id)).isTrue();

		RawHttp self = httpAs(token(t -> t.clientId("patient-app").fhirUser("Patient/" + patientId).scope("patient/*.rs")));
		RawHttp other = httpAs(token(t -> t.clientId("patient-app").fhirUser("Patient/other-" + UUID.randomUUID())
				.scope("patient/*.rs")));
		RawHttp pharmacy = httpAs(token(t -> t.clientId("pharmacy-" + UUID.randomUUID()).fhirUser("Organization/pharmacy-x")
				.scope("user/*.rs")));
		RawHttp auditor = httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/AuditEvent.rs")));

		assertThat(idsOf(self, "AuditEvent?patient=Patient/" + patientId)).contains(id);
		assertThat(idsOf(self, "AuditEvent")).contains(id);
		// the emergency access is labelled, and the patient can list exactly those (README, "Audit trail")
		assertThat(idsOf(self, "AuditEvent?patient=Patient/" + patientId
				+ "&_security=http://terminology.hl7.org/CodeSystem/v3-ActReason%7CETREAT")).contains(id);
		assertThat(idsOf(self, "AuditEvent?patient=Patient/" + patientId
				+ "&_security=http://terminology.hl7.org/CodeSystem/v3-ActReason%7CHMARKT")).isEmpty();
		assertThat(self.get("AuditEvent/" + id).status()).isEqualTo(200);
		assertThat(idsOf(auditor, "AuditEvent?patient=Patient/" + patientId)).contains(id);
		assertThat(auditor.get("AuditEvent/" + id).status()).isEqualTo(200);
		for (RawHttp stranger : List.of(other, pharmacy)) {
			assertThat(idsOf(stranger, "AuditEvent?patient=Patient/" + patientId)).isEmpty();
			assertThat(idsOf(stranger, "AuditEvent?agent=" + practitioner)).isEmpty();
			RawHttp.Response hidden = stranger.get("AuditEvent/" + id);
			RawHttp.Response unknown = stranger.get("AuditEvent/j" + "0".repeat(32));
			assertThat(hidden.status()).isEqualTo(404);
			assertThat(unknown.status()).isEqualTo(404);
		}
	}

	@Test
	void aChangedOrMovedJournalBodyIsAnErrorNeverAnEvent() {
		String user = "Practitioner/tamper-" + UUID.randomUUID();
		RawHttp reader = httpAs(token(t -> t.clientId("tamper-" + UUID.randomUUID()).fhirUser(user).scope("user/Organization.rs")));
		reader.get("Organization?_count=1");
		reader.get("Organization?_count=2");
		List<AuditEvent> events = awaitEventsBy(user, 2);
		String first = events.get(0).getIdElement().getIdPart();
		String second = events.get(1).getIdElement().getIdPart();

		// the second's body under the first's id: authentic ciphertext, wrong row
		jdbc.update("UPDATE fhirnotary_audit_journal SET body = (SELECT body FROM fhirnotary_audit_journal WHERE id = ?) "
				+ "WHERE id = ?", second, first);
		RawHttp.Response moved = http.get("AuditEvent/" + first);
		assertThat(moved.status()).isEqualTo(500);
		assertThat(moved.body()).contains("OperationOutcome").doesNotContain(user);

		byte[] body = jdbc.queryForObject("SELECT body FROM fhirnotary_audit_journal WHERE id = ?", byte[].class, second);
		body[body.length - 1] ^= 1;
		jdbc.update("UPDATE fhirnotary_audit_journal SET body = ? WHERE id = ?", body, second);
		assertThat(http.get("AuditEvent/" + second).status()).isEqualTo(500);
		assertThat(http.get("AuditEvent?agent=" + user).status()).isEqualTo(500);

		jdbc.update("DELETE FROM fhirnotary_audit_journal_patient WHERE id IN (?, ?)", first, second);
		jdbc.update("DELETE FROM fhirnotary_audit_journal WHERE id IN (?, ?)", first, second);
	}

	@Test
	void aJournalEventIsNotarisedAndVerifiesAgainstTheChain() {
		String user = "Practitioner/notarised-" + UUID.randomUUID();
		httpAs(token(t -> t.clientId("notarised-" + UUID.randomUUID()).fhirUser(user).scope("user/Organization.rs")))
				.get("Organization?_count=1");
		String id = awaitEventsBy(user, 1).get(0).getIdElement().getIdPart();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM fhirnotary_notary_sealed_salt WHERE resource_type = 'AuditEvent' "
				+ "AND resource_id = ? AND version_id = '1'", Long.class, id)).isEqualTo(1);
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForList(
				"SELECT state FROM fhirnotary_outbox WHERE resource_type = 'AuditEvent' AND resource_id = ? AND version_id = '1'",
				String.class, id), states -> states.contains("CONFIRMED") || states.contains("FINAL"));

		RawHttp auditor = httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/AuditEvent.rs")));
		RawHttp.Response verified = auditor.get("AuditEvent/" + id + "/$verify");
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		Parameters result = fhirContext().newJsonParser().parseResource(Parameters.class, verified.body());
		assertThat(result.getParameter("result").getValue().primitiveValue()).isEqualTo("valid");
		assertThat(auditor.get("AuditEvent/" + id + "/$notary-receipt").status()).isEqualTo(200);
	}

	/** The events whose acting user is {@code user}, read as the custodian, once there are as many as expected. */
	private List<AuditEvent> awaitEventsBy(String user, int expected) {
		return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
				.until(() -> {
					Bundle bundle = fhirContext().newJsonParser().parseResource(Bundle.class,
							http.get("AuditEvent?agent=" + user + "&_count=50").body());
					return bundle.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
				}, events -> events.size() >= expected);
	}

	private List<String> idsOf(String query) {
		return idsOf(http, query);
	}

	private static List<String> idsOf(RawHttp as, String query) {
		RawHttp.Response response = as.get(query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return fhirContext().newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
				.map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
	}

	private String relative(String url) {
		return url.substring(url.indexOf("/fhir/") + "/fhir/".length());
	}

	private static List<String> reversed(List<String> ids) {
		List<String> copy = new ArrayList<>(ids);
		java.util.Collections.reverse(copy);
		return copy;
	}

	@Test
	void theCapabilityStatementOffersOnAuditEventExactlyWhatTheEndpointAnswers() {
		CapabilityStatement statement = fhirContext().newJsonParser()
				.parseResource(CapabilityStatement.class, anonymousHttp.get("metadata").body());
		CapabilityStatement.CapabilityStatementRestResourceComponent auditEvent = statement.getRestFirstRep().getResource()
				.stream().filter(resource -> "AuditEvent".equals(resource.getType())).findFirst().orElseThrow();

		List<String> offered = auditEvent.getSearchParam().stream().map(p -> p.getName()).toList();
		assertThat(offered).contains("patient", "agent", "entity", "date", "type", "subtype", "action", "outcome", "_security")
				.doesNotContain("source", "_lastUpdated", "site", "policy", "entity-name");
		assertThat(auditEvent.getSearchInclude()).isEmpty();
		assertThat(auditEvent.getSearchRevInclude()).isEmpty();
		assertThat(auditEvent.getInteraction()).extracting(i -> i.getCode().toCode())
				.contains("read", "vread", "search-type", "create")
				.doesNotContain("update", "delete", "patch", "history-type");

		// every parameter the statement offers is one the endpoint takes
		RawHttp auditor = httpAs(token(t -> t.clientId(AUDITOR_CLIENT).scope("system/AuditEvent.rs")));
		Map<String, String> sample = Map.of(
				"patient", "Patient/nobody", "agent", "Practitioner/nobody", "entity", "Organization/nobody",
				"date", "ge2026-01-01", "type", "http://dicom.nema.org/resources/ontology/DCM%7C110112",
				"subtype", "http://hl7.org/fhir/restful-interaction%7Cread", "action", "R", "outcome", "0",
				"_security", "http://terminology.hl7.org/CodeSystem/v3-ActReason%7CETREAT", "_id", "j0");
		for (String parameter : offered) {
			assertThat(sample).as("a sample value for " + parameter).containsKey(parameter);
			assertThat(auditor.get("AuditEvent?" + parameter + "=" + sample.get(parameter)).status())
					.as(parameter).isEqualTo(200);
		}
		// and one it does not offer answers 400, as before
		assertThat(auditor.get("AuditEvent?source=nowhere").status()).isEqualTo(400);
	}
}
