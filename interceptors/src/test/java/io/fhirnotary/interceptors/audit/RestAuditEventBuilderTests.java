package io.fhirnotary.interceptors.audit;

import static io.fhirnotary.interceptors.audit.AuditFixtures.ACT_REASON;
import static io.fhirnotary.interceptors.audit.AuditFixtures.DEFAULT_DENY;
import static io.fhirnotary.interceptors.audit.AuditFixtures.DENY_BY_C1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.EHR;
import static io.fhirnotary.interceptors.audit.AuditFixtures.EMERGENCY_DOCTOR;
import static io.fhirnotary.interceptors.audit.AuditFixtures.EMERGENCY_OVER_C1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.MEDICATION;
import static io.fhirnotary.interceptors.audit.AuditFixtures.NOT_PATIENT_DATA;
import static io.fhirnotary.interceptors.audit.AuditFixtures.OBSERVATION_A;
import static io.fhirnotary.interceptors.audit.AuditFixtures.PATIENT;
import static io.fhirnotary.interceptors.audit.AuditFixtures.PATIENT_A;
import static io.fhirnotary.interceptors.audit.AuditFixtures.PATIENT_B;
import static io.fhirnotary.interceptors.audit.AuditFixtures.PERMIT_BY_C1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.PHARMACIST;
import static io.fhirnotary.interceptors.audit.AuditFixtures.RX_A1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.RX_A2;
import static io.fhirnotary.interceptors.audit.AuditFixtures.RX_B1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.SOURCE;
import static io.fhirnotary.interceptors.audit.AuditFixtures.detail;
import static io.fhirnotary.interceptors.audit.AuditFixtures.entitiesWithRole;
import static io.fhirnotary.interceptors.audit.AuditFixtures.entityReferences;
import static io.fhirnotary.interceptors.audit.AuditFixtures.is;
import static io.fhirnotary.interceptors.audit.AuditFixtures.json;
import static io.fhirnotary.interceptors.audit.AuditFixtures.of;
import static io.fhirnotary.interceptors.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.consent.ConsentReason;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RestAuditEventBuilderTests {

	private static final String AUTHZ = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";

	private final RestAuditEventBuilder builder = new RestAuditEventBuilder(SOURCE);

	@Test
	void patientReferencesGoToEntityWhatWithRolePatient() {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200)
				.resourceType("MedicationRequest")
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1).withVersion("3"))
				.build());

		List<AuditEventEntityComponent> patients = entitiesWithRole(event, "1");
		assertThat(patients).singleElement().satisfies(entity -> {
			assertThat(entity.getWhat().getReference()).isEqualTo("Patient/A");
			assertThat(is(entity.getType(), "http://terminology.hl7.org/CodeSystem/audit-entity-type", "1")).isTrue();
		});
		assertThat(entitiesWithRole(event, "4")).singleElement()
				.satisfies(entity -> assertThat(entity.getWhat().getReference()).isEqualTo("MedicationRequest/a1/_history/3"));
	}

	@Test
	void onePatientPerEventSoNoPatientSeesAnothersData() {
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.resourceType("MedicationRequest")
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.resource(of(RX_B1, PATIENT_B, PERMIT_BY_C1))
				.resource(of(RX_A2, PATIENT_A, PERMIT_BY_C1))
				.resource(of(MEDICATION, null, NOT_PATIENT_DATA))
				.build());

		assertThat(events).hasSize(3);
		assertThat(entityReferences(events.get(0)))
				.containsExactly("Patient/A", "Consent/c1/_history/2", "MedicationRequest/a1", "MedicationRequest/a2");
		assertThat(entityReferences(events.get(1))).containsExactly("Patient/B", "Consent/c1/_history/2", "MedicationRequest/b1");
		assertThat(entityReferences(events.get(2))).containsExactly("Medication/m1");
		assertThat(entitiesWithRole(events.get(2), "1")).isEmpty();
	}

	@Test
	void deniedResourcesAreLeftOutButTheirPatientStillGetsAnEvent() {
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.resourceType("MedicationRequest")
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.resource(of(RX_A2, PATIENT_A, DENY_BY_C1))
				.resource(of(RX_B1, PATIENT_B, DEFAULT_DENY))
				.build());

		assertThat(events).hasSize(2);
		assertThat(entityReferences(events.get(0))).containsExactly("Patient/A", "Consent/c1/_history/2", "MedicationRequest/a1");
		assertThat(entityReferences(events.get(1))).containsExactly("Patient/B");
		assertThat(events.get(1).getSubtype()).hasSize(1);
	}

	@Test
	void patientsWithoutResourcesGetAnEvent() {
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.resourceType("Observation")
				.queryString("patient=A")
				.patient(PATIENT_A)
				.build());

		assertThat(events).singleElement().satisfies(event -> assertThat(entityReferences(event)).containsExactly("Patient/A"));
	}

	@Test
	void aRequestThatConcernedNothingStillGetsOneEvent() {
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_SYSTEM, EHR, 200).build());

		assertThat(events).singleElement().satisfies(event -> assertThat(entityReferences(event)).isEmpty());
	}

	@Test
	void sameResourceTwiceIsNamedOnce() {
		AuditEvent event = single(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.build());

		assertThat(entityReferences(event)).containsExactly("Patient/A", "Consent/c1/_history/2", "MedicationRequest/a1");
	}

	@Test
	void thePermitThatReleasedTheResourcesIsOnTheirEvent() {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1).withVersion("3"))
				.build());

		assertThat(event.getSubtype()).extracting(subtype -> subtype.getSystem() + "|" + subtype.getCode())
				.containsExactly("http://hl7.org/fhir/restful-interaction|read", AUTHZ + "|AuthZ-Consent");
		assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
		AuditEventEntityComponent decision = decisionEntity(event);
		assertThat(decision.getWhat().getReference()).isEqualTo("Consent/c1/_history/2");
		assertThat(detail(decision, "decision")).isEqualTo("permit");
		assertThat(detail(decision, "reason")).isEqualTo("CONSENT_PERMIT");
		assertThat(detail(decision, "emergency")).isNull();
		assertThat(event.getMeta().getSecurity()).isEmpty();
	}

	@Test
	void resourcesReleasedByDifferentDecisionsGoToOneEventPerDecision() {
		ConsentDecision byC2 = new ConsentDecision(ConsentReason.CONSENT_PERMIT, "Consent/c2/_history/1");
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.resourceType("MedicationRequest")
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.resource(of(RX_A2, PATIENT_A, byC2))
				.resource(of(OBSERVATION_A, PATIENT_A, PERMIT_BY_C1))
				.build());

		assertThat(events).hasSize(2);
		assertThat(entityReferences(events.get(0)))
				.containsExactly("Patient/A", "Consent/c1/_history/2", "MedicationRequest/a1", "Observation/oa");
		assertThat(entityReferences(events.get(1))).containsExactly("Patient/A", "Consent/c2/_history/1", "MedicationRequest/a2");
		assertThat(events).allSatisfy(event -> assertThat(entitiesWithRole(event, "24")).hasSize(1));
	}

	@ParameterizedTest
	@EnumSource(ConsentReason.class)
	void theSecondSubtypeSaysWhetherAConsentOrTheRolePermitted(ConsentReason reason) {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, new ConsentDecision(reason, null)))
				.build());

		if (!reason.permits()) {
			assertThat(event.getSubtype()).hasSize(1);
			assertThat(event.getEntity()).noneSatisfy(entity -> assertThat(entity.getType().getCode()).isEqualTo("Consent"));
			return;
		}
		Set<ConsentReason> byConsent = EnumSet.of(ConsentReason.CONSENT_PERMIT, ConsentReason.CONSENT_NAMES_CALLER,
				ConsentReason.DEFAULT_PERMIT, ConsentReason.EMERGENCY);
		String expected = byConsent.contains(reason) ? "AuthZ-Consent" : "AuthZ-Role";
		assertThat(event.getSubtype()).hasSize(2);
		assertThat(is(event.getSubtype().get(1), AUTHZ, expected)).isTrue();
		assertThat(detail(decisionEntity(event), "reason")).isEqualTo(reason.name());
	}

	@Test
	void breakingTheGlassIsFlaggedOnTheDecisionLabelledAndPurposed() {
		AuditEvent event = single(record(AuditAction.READ, EMERGENCY_DOCTOR, 200)
				.resource(of(OBSERVATION_A, PATIENT_A, EMERGENCY_OVER_C1))
				.build());

		AuditEventEntityComponent decision = decisionEntity(event);
		assertThat(detail(decision, "emergency")).isEqualTo("true");
		assertThat(detail(decision, "decision")).isEqualTo("permit");
		assertThat(decision.getWhat().getReference()).isEqualTo("Consent/c1/_history/2");
		assertThat(event.getMeta().getSecurity()).singleElement()
				.satisfies(label -> assertThat(is(label, ACT_REASON, "ETREAT")).isTrue());
		assertThat(event.getPurposeOfEvent()).singleElement()
				.satisfies(purpose -> assertThat(purpose.hasCoding(ACT_REASON, "ETREAT")).isTrue());
	}

	@Test
	void emergencyPurposeIsAddedEvenIfTheCallerDidNotDeclareIt() {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200)
				.resource(of(OBSERVATION_A, PATIENT_A, EMERGENCY_OVER_C1))
				.build());

		assertThat(event.getPurposeOfEvent())
				.anySatisfy(purpose -> assertThat(purpose.hasCoding(ACT_REASON, "ETREAT")).isTrue())
				.anySatisfy(purpose -> assertThat(purpose.hasCoding(ACT_REASON, "TREAT")).isTrue());
	}

	@Test
	void undecidedResourcesCarryNoDecision() {
		AuditEvent event = single(record(AuditAction.UPDATE, EHR, 200)
				.resource(of(RX_A1, PATIENT_A, null).withVersion("4"))
				.build());

		assertThat(event.getSubtype()).hasSize(1);
		assertThat(entityReferences(event)).containsExactly("Patient/A", "MedicationRequest/a1/_history/4");
	}

	@Test
	void queryHoldsParameterNamesOnlyAndNoValueAppearsAnywhere() {
		List<String> values = List.of("Smith", "1970-01-01", "987654321", "insulin", "Springfield", "urn:oid:1.2.3");
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.resourceType("Patient")
				.queryString("family=Smith&birthdate=1970-01-01&identifier=urn:oid:1.2.3%7C987654321"
						+ "&_has:MedicationRequest:patient:code:text=insulin&address-city=Springfield")
				.resource(of(PATIENT_A, PATIENT_A, PERMIT_BY_C1))
				.build());

		AuditEventEntityComponent query = entitiesWithRole(single(events), "24").get(0);
		assertThat(new String(query.getQuery(), StandardCharsets.UTF_8))
				.isEqualTo("_has:MedicationRequest:patient:code:text&address-city&birthdate&family&identifier");
		assertThat(query.getDescription()).isEqualTo("Patient");
		String json = json(events.get(0));
		assertThat(values).allSatisfy(value -> assertThat(json).doesNotContain(value));
	}

	@Test
	void operationNameIsRecordedWithTheType() {
		AuditEvent event = single(record(AuditAction.OPERATION, PHARMACIST, 200)
				.resourceType("Patient")
				.operation("$everything")
				.queryString("_since=2024-01-01")
				.resource(of(PATIENT_A, PATIENT_A, PERMIT_BY_C1))
				.build());

		AuditEventEntityComponent query = entitiesWithRole(event, "24").get(0);
		assertThat(query.getDescription()).isEqualTo("Patient/$everything");
		assertThat(new String(query.getQuery(), StandardCharsets.UTF_8)).isEqualTo("_since");
		assertThat(json(event)).doesNotContain("2024-01-01");
	}

	@Test
	void aCreateThatNamedNoResourceRecordsTheTypeItAddressed() {
		AuditEvent event = single(record(AuditAction.CREATE, PHARMACIST, 403).resourceType("MedicationDispense").build());

		assertThat(event.getEntity()).singleElement().satisfies(entity -> {
			assertThat(is(entity.getType(), "http://hl7.org/fhir/resource-types", "MedicationDispense")).isTrue();
			assertThat(entity.hasWhat()).isFalse();
		});
	}

	@Test
	void clientUserAndOrganisationAreAgentsAndTheUserIsTheRequestor() {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200).resource(of(MEDICATION, null, null)).build());

		assertThat(event.getAgent()).hasSize(3);
		AuditEventAgentComponent client = event.getAgent().get(0);
		assertThat(is(client.getType().getCodingFirstRep(), "http://dicom.nema.org/resources/ontology/DCM", "110150")).isTrue();
		assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("pharmacy-app");
		assertThat(client.getRequestor()).isFalse();
		AuditEventAgentComponent user = event.getAgent().get(1);
		assertThat(user.getWho().getReference()).isEqualTo("Practitioner/ph1");
		assertThat(user.getRequestor()).isTrue();
		assertThat(user.getPurposeOfUse()).singleElement()
				.satisfies(purpose -> assertThat(purpose.hasCoding(ACT_REASON, "TREAT")).isTrue());
		AuditEventAgentComponent organisation = event.getAgent().get(2);
		assertThat(organisation.getWho().getReference()).isEqualTo("Organization/pharm1");
		assertThat(organisation.getRequestor()).isFalse();
		assertThat(event.getPurposeOfEvent()).singleElement()
				.satisfies(purpose -> assertThat(purpose.hasCoding(ACT_REASON, "TREAT")).isTrue());
	}

	@Test
	void withoutAUserTheClientIsTheRequestor() {
		AuditEvent event = single(record(AuditAction.CREATE, EHR, 201).resource(of(RX_A1, PATIENT_A, null)).build());

		assertThat(event.getAgent()).singleElement().satisfies(client -> {
			assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("ehr-backend");
			assertThat(client.getRequestor()).isTrue();
		});
	}

	@Test
	void aPatientUserIsFoundByThePatientSearchParameterThroughTheAgent() {
		AuditEvent event = single(record(AuditAction.READ, PATIENT, 200).resource(of(MEDICATION, null, NOT_PATIENT_DATA)).build());

		assertThat(event.getAgent().get(1).getWho().getReference()).isEqualTo("Patient/A");
	}

	@Test
	void sourceIsTheServerAsApplicationServer() {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200).build());

		assertThat(event.getSource().getObserver().getIdentifier().getValue()).isEqualTo("fhir-notary");
		assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("fhir-notary");
		assertThat(event.getSource().getObserver().hasReference()).isFalse();
		assertThat(event.getSource().getSite()).isEqualTo("notary.example");
		assertThat(event.getSource().getType()).singleElement()
				.satisfies(type -> assertThat(is(type, "http://terminology.hl7.org/CodeSystem/security-source-type", "4")).isTrue());
	}

	@Test
	void recordedIsTheInstantInUtcToTheMillisecond() {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200).build());

		assertThat(event.getRecordedElement().getValueAsString()).isEqualTo("2025-06-15T12:34:56.789Z");
	}

	@ParameterizedTest
	@CsvSource({"200, 0", "201, 0", "304, 0", "400, 4", "403, 4", "404, 4", "410, 4", "500, 8", "503, 8"})
	void outcomeFollowsTheHttpStatus(int status, String outcome) {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, status).build());

		assertThat(event.getOutcome().toCode()).isEqualTo(outcome);
		assertThat(event.getOutcomeDesc()).isEqualTo("HTTP " + status);
	}

	@Test
	void anExplicitMajorFailureIsKept() {
		AuditRecord record = AuditRecord.builder(AuditAction.TRANSACTION, EHR,
				new AuditOutcome(AuditEventOutcome._12, 500), AuditFixtures.WHEN).build();

		assertThat(single(record).getOutcome()).isEqualTo(AuditEventOutcome._12);
	}

	@Test
	void requestIdLinksTheEventsOfARequest() {
		AuditEvent event = single(record(AuditAction.READ, PHARMACIST, 200).requestId("rq-7f3a").build());

		assertThat(event.getEntity()).anySatisfy(entity -> {
			assertThat(entity.getType().getCode()).isEqualTo("XrequestId");
			assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("rq-7f3a");
		});
	}

	@Test
	void emergencyAccessIsLabelledOnThePatientsEventOnly() {
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_TYPE, EMERGENCY_DOCTOR, 200)
				.resource(of(OBSERVATION_A, PATIENT_A, EMERGENCY_OVER_C1))
				.resource(of(RX_B1, PATIENT_B, PERMIT_BY_C1))
				.build());

		AuditEvent patientA = events.get(0);
		assertThat(patientA.getMeta().getSecurity()).singleElement()
				.satisfies(label -> assertThat(is(label, ACT_REASON, "ETREAT")).isTrue());
		assertThat(patientA.getPurposeOfEvent()).hasSize(1);
		AuditEvent patientB = events.get(1);
		assertThat(patientB.getMeta().getSecurity()).isEmpty();
	}

	@Test
	void noResourceContentOrTokenOnlyReferences() {
		String json = json(single(record(AuditAction.READ, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.build()));

		assertThat(json).doesNotContain("scope").doesNotContain("user/MedicationRequest");
	}

	private static AuditEventEntityComponent decisionEntity(AuditEvent event) {
		return DenialAuditEventBuilderTests.decisionEntity(event);
	}

	private AuditEvent single(AuditRecord record) {
		List<AuditEvent> events = builder.build(record);
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private static AuditEvent single(List<AuditEvent> events) {
		assertThat(events).hasSize(1);
		return events.get(0);
	}
}
