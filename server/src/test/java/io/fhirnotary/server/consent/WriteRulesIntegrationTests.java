package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.RawHttp;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The write table of {@code docs/CONSENT.md} §5 over HTTP. Every caller holds {@code cruds} scopes
 * for everything here, so what refuses is the write rules, not the scope check: each refused write
 * answers 403 with an OperationOutcome naming the reason, and stores nothing (counted in
 * {@code hfj_resource} and {@code hfj_res_ver}).
 */
class WriteRulesIntegrationTests extends ConsentIntegrationTest {

	private RawHttp prescriber;
	private RawHttp pharmacyWithConsent;
	private RawHttp pharmacyWithout;
	private RawHttp pharmacyOnlyA1;
	private RawHttp requester;
	private RawHttp patientA;
	private RawHttp patientB;

	@BeforeAll
	void writers() {
		prescriber = userWithAllScopes("doc1");
		pharmacyWithConsent = userWithAllScopes("pharm1");
		pharmacyWithout = userWithAllScopes("pharm2");
		pharmacyOnlyA1 = userWithAllScopes("pharm3");
		requester = userWithAllScopes("pharm7");
		patientA = httpAs(token(t -> t.clientId("patient-app").fhirUser(world.ref("A")).scope("patient/*.cruds")));
		patientB = httpAs(token(t -> t.clientId("patient-app").fhirUser(world.ref("B")).scope("patient/*.cruds")));
	}

	private RawHttp userWithAllScopes(String key) {
		return httpAs(token(t -> t.clientId("writer-app").fhirUser(world.ref(key)).scope("user/*.cruds")));
	}

	@Test
	void aPrescriberCreatesAndUpdatesOnlyItsOwnPrescriptions() {
		assertCreated(prescriber, world.prescription("A", "doc1"));
		assertRefused(prescriber, "POST", "MedicationRequest", world.prescription("A", "doc2"), "NOT_THE_REQUESTER");
		MedicationRequest own = world.prescription("A", "doc1");
		own.setId(world.ref("a1"));
		own.setStatus(MedicationRequest.MedicationRequestStatus.ONHOLD);
		assertThat(prescriber.send("PUT", world.ref("a1"), "application/fhir+json", encode(own)).status()).isEqualTo(200);
		MedicationRequest others = world.prescription("A", "doc1");
		others.setId(world.ref("a2"));
		assertRefused(prescriber, "PUT", world.ref("a2"), others, "NOT_THE_REQUESTER");
		assertRefused(pharmacyWithConsent, "POST", "MedicationRequest", world.prescription("A", "doc1"), "NOT_A_PRESCRIBER");
	}

	@Test
	void aDispenseNeedsAPrescriptionTheCallerSees() {
		assertCreated(pharmacyWithConsent, world.dispense("A", "a1", "pharm1"));
		assertCreated(pharmacyOnlyA1, world.dispense("A", "a1", "pharm3"));
		String hidden = assertRefused(pharmacyOnlyA1, "POST", "MedicationDispense", world.dispense("A", "a2", "pharm3"),
				"PRESCRIPTION_NOT_SHARED");
		assertRefused(pharmacyWithout, "POST", "MedicationDispense", world.dispense("A", "a1", "pharm2"),
				"PRESCRIPTION_NOT_SHARED");
		// a prescription that does not exist answers exactly like one the caller may not see (not 422)
		MedicationDispense ofNothing = world.dispense("A", "a2", "pharm3");
		ofNothing.getAuthorizingPrescriptionFirstRep().setReference("MedicationRequest/" + world.prefix + "-nothing");
		String missing = assertRefused(pharmacyOnlyA1, "POST", "MedicationDispense", ofNothing, "PRESCRIPTION_NOT_SHARED");
		assertThat(missing).isEqualTo(hidden);
	}

	@Test
	void aPatientWritesOnlyItsOwnConsents() {
		// shares Observations with doc2: nothing another test of this class relies on
		assertCreated(patientA, world.consent(Consent.ConsentState.ACTIVE, "doc2", "Observation"));
		assertRefused(patientB, "POST", "Consent", world.consent(Consent.ConsentState.ACTIVE, "pharm2"), "NOT_OWN_CONSENT");
		assertRefused(patientA, "POST", "MedicationRequest", world.prescription("A", "doc1"), "NOT_PERMITTED");
	}

	@Test
	void anAccessRequestIsProposedByTheRequesterAndDecidedByThePatient() {
		assertCreated(requester, world.consent(Consent.ConsentState.PROPOSED, "pharm7", "MedicationRequest"));
		assertRefused(requester, "POST", "Consent", world.consent(Consent.ConsentState.PROPOSED, "pharm2"),
				"NOT_AN_ACCESS_REQUEST");
		assertRefused(requester, "POST", "Consent", world.consent(Consent.ConsentState.ACTIVE, "pharm7"),
				"NOT_AN_ACCESS_REQUEST");
		Consent approved = world.consent(Consent.ConsentState.ACTIVE, "pharm7", "MedicationRequest");
		approved.setId(world.ref("c7"));
		assertRefused(requester, "PUT", world.ref("c7"), approved, "NOT_AN_ACCESS_REQUEST");
		assertThat(patientA.send("PUT", world.ref("c7"), "application/fhir+json", encode(approved)).status()).isEqualTo(200);
	}

	@Test
	void auditEventsAreImmutableAndServerWritten() {
		AuditEvent event = (AuditEvent) client.read().resource("AuditEvent").withId(world.id("ae1")).execute();
		event.setOutcome(AuditEvent.AuditEventOutcome._4);
		assertRefused(http, "PUT", world.ref("ae1"), event, "AUDIT_EVENT_IMMUTABLE");
		StoredCounts before = storedCounts();
		RawHttp.Response delete = http.send("DELETE", world.ref("ae1"), null, (String) null);
		assertThat(delete.status()).isEqualTo(403);
		assertThat(storedCounts()).isEqualTo(before);
		AuditEvent forged = event.copy();
		forged.setId((String) null);
		assertRefused(pharmacyWithConsent, "POST", "AuditEvent", forged, "AUDIT_EVENT_SERVER_ONLY");
	}

	@Test
	void anythingElseIsRefusedToNonCustodians() {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setSubject(new Reference(world.ref("A")));
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		assertRefused(pharmacyWithConsent, "POST", "Observation", observation, "NOT_PERMITTED");
		assertRefused(pharmacyWithConsent, "DELETE", world.ref("d1"), null, "NOT_PERMITTED");
	}

	/** One refused entry fails the whole transaction: the allowed dispense is not stored either. */
	@Test
	void aTransactionWithOneForbiddenEntryStoresNothing() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(world.dispense("A", "a1", "pharm1")).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationDispense");
		transaction.addEntry().setResource(world.prescription("A", "doc1")).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationRequest");
		StoredCounts before = storedCounts();
		RawHttp.Response response = pharmacyWithConsent.send("POST", "", "application/fhir+json", encode(transaction));
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(parse(OperationOutcome.class, response).getIssueFirstRep().getDiagnostics()).contains("NOT_A_PRESCRIBER");
		assertThat(storedCounts()).isEqualTo(before);
	}

	/** A conditional reference would be resolved by a search as the writer: refused before anything is matched. */
	@Test
	void conditionalReferencesAreForCustodiansOnly() {
		MedicationDispense dispense = world.dispense("A", "a1", "pharm1");
		dispense.setSubject(new Reference("Patient?_id=" + world.id("A")));
		StoredCounts before = storedCounts();
		RawHttp.Response response = pharmacyWithConsent.send("POST", "MedicationDispense", "application/fhir+json", encode(dispense));
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(dispense).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationDispense");
		assertThat(pharmacyWithConsent.send("POST", "", "application/fhir+json", encode(transaction)).status()).isEqualTo(400);
		assertThat(storedCounts()).isEqualTo(before);
	}

	private void assertCreated(RawHttp writer, Resource resource) {
		RawHttp.Response response = writer.send("POST", resource.fhirType(), "application/fhir+json", encode(resource));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	/** @return the OperationOutcome's diagnostics */
	private String assertRefused(RawHttp writer, String method, String path, Resource body, String reason) {
		StoredCounts before = storedCounts();
		RawHttp.Response response = writer.send(method, path, body == null ? null : "application/fhir+json",
				body == null ? null : encode(body));
		assertThat(response.status()).as(method + " " + path + " " + response.body()).isEqualTo(403);
		OperationOutcome outcome = parse(OperationOutcome.class, response);
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(reason);
		assertThat(storedCounts()).isEqualTo(before);
		return outcome.getIssueFirstRep().getDiagnostics();
	}
}
