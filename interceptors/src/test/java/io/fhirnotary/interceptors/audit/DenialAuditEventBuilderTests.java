package io.fhirnotary.interceptors.audit;

import static io.fhirnotary.interceptors.audit.AuditFixtures.DEFAULT_DENY;
import static io.fhirnotary.interceptors.audit.AuditFixtures.DENY_BY_C1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.EHR;
import static io.fhirnotary.interceptors.audit.AuditFixtures.EMERGENCY_OVER_C1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.MEDICATION;
import static io.fhirnotary.interceptors.audit.AuditFixtures.NOT_PATIENT_DATA;
import static io.fhirnotary.interceptors.audit.AuditFixtures.OBSERVATION_A;
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
import static io.fhirnotary.interceptors.audit.AuditFixtures.of;
import static io.fhirnotary.interceptors.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.consent.ConsentReason;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DenialAuditEventBuilderTests {

	private static final String AUTHZ = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
	private static final Set<ConsentReason> DECIDED_BY_CONSENT = EnumSet.of(ConsentReason.CONSENT_DENY,
			ConsentReason.NO_CONSENT_DEFAULT_DENY);

	private final DenialAuditEventBuilder builder = new DenialAuditEventBuilder(SOURCE);

	@Test
	void oneEventPerPatientAndDenialListingTheResourcesItWithheld() {
		List<AuditEvent> events = builder.build(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1).withVersion("1"))
				.resource(of(RX_A2, PATIENT_A, DENY_BY_C1))
				.resource(of(RX_B1, PATIENT_B, DEFAULT_DENY))
				.resource(of(OBSERVATION_A, PATIENT_A, DENY_BY_C1).withVersion("3"))
				.resource(of(MEDICATION, null, NOT_PATIENT_DATA))
				.resource(of(AuditFixtures.ref("Organization/pharm1"), null, null))
				.build());

		assertThat(events).hasSize(2);
		assertThat(entityReferences(events.get(0)))
				.containsExactly("Patient/A", "Consent/c1/_history/2", "MedicationRequest/a2", "Observation/oa/_history/3");
		assertThat(entityReferences(events.get(1))).containsExactly("Patient/B", "MedicationRequest/b1");
	}

	@Test
	void permitsGiveNoDenialEventTheRestfulEventRecordsThem() {
		AuditRecord record = record(AuditAction.READ, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.resource(of(OBSERVATION_A, PATIENT_A, EMERGENCY_OVER_C1))
				.resource(of(MEDICATION, null, NOT_PATIENT_DATA))
				.build();

		assertThat(builder.build(record)).isEmpty();
	}

	@Test
	void aDenyIsASeriousFailureSecurityAlertNamingTheDeniedResource() {
		AuditEvent event = single(of(RX_A2, PATIENT_A, DENY_BY_C1));

		assertThat(is(event.getType(), "http://dicom.nema.org/resources/ontology/DCM", "110113")).isTrue();
		assertThat(event.getAction().toCode()).isEqualTo("E");
		assertThat(event.getOutcome().toCode()).isEqualTo("8");
		assertThat(event.getOutcomeDesc()).isEqualTo("CONSENT_DENY");
		AuditEventEntityComponent decision = decisionEntity(event);
		assertThat(decision.getWhat().getReference()).isEqualTo("Consent/c1/_history/2");
		assertThat(detail(decision, "decision")).isEqualTo("deny");
		assertThat(detail(decision, "reason")).isEqualTo("CONSENT_DENY");
		assertThat(detail(decision, "emergency")).isNull();
		assertThat(entitiesWithRole(event, "4")).singleElement()
				.satisfies(entity -> assertThat(entity.getWhat().getReference()).isEqualTo("MedicationRequest/a2"));
		assertThat(entitiesWithRole(event, "1")).singleElement()
				.satisfies(entity -> assertThat(entity.getWhat().getReference()).isEqualTo("Patient/A"));
		assertThat(event.getMeta().getSecurity()).isEmpty();
	}

	@Test
	void aDecisionWithoutConsentSaysSo() {
		AuditEvent event = single(of(RX_B1, PATIENT_B, DEFAULT_DENY));

		AuditEventEntityComponent decision = decisionEntity(event);
		assertThat(decision.hasWhat()).isFalse();
		assertThat(decision.getDescription()).isEqualTo("decided without a Consent");
		assertThat(detail(decision, "reason")).isEqualTo("NO_CONSENT_DEFAULT_DENY");
	}

	@ParameterizedTest
	@EnumSource(ConsentReason.class)
	void subtypeSaysWhetherAConsentOrTheRoleDenied(ConsentReason reason) {
		List<AuditEvent> events = builder.build(record(AuditAction.READ, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, new ConsentDecision(reason, null)))
				.build());

		if (reason.permits()) {
			assertThat(events).isEmpty();
			return;
		}
		String expected = DECIDED_BY_CONSENT.contains(reason) ? "AuthZ-Consent" : "AuthZ-Role";
		assertThat(events).singleElement().satisfies(event -> {
			assertThat(event.getSubtype()).singleElement().satisfies(subtype -> assertThat(is(subtype, AUTHZ, expected)).isTrue());
			assertThat(event.getOutcome().toCode()).isEqualTo("8");
		});
	}

	@Test
	void theServerIsTheAuthorizationServerAgent() {
		AuditEvent event = single(of(RX_A2, PATIENT_A, DENY_BY_C1));

		assertThat(event.getAgent()).anySatisfy(agent -> {
			assertThat(is(agent.getType().getCodingFirstRep(), "http://terminology.hl7.org/CodeSystem/extra-security-role-type",
					"authserver")).isTrue();
			assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("fhir-notary");
			assertThat(agent.getRequestor()).isFalse();
		});
		assertThat(event.getAgent()).filteredOn(agent -> agent.getRequestor())
				.singleElement()
				.satisfies(agent -> assertThat(agent.getWho().getReference()).isEqualTo("Practitioner/ph1"));
	}

	@Test
	void undecidedResourcesGiveNoDecisionEvent() {
		assertThat(builder.build(record(AuditAction.CREATE, EHR, 201).resource(of(RX_A1, PATIENT_A, null)).build())).isEmpty();
	}

	@Test
	void requestFacadeReturnsRestEventsThenDenialEvents() {
		List<AuditEvent> events = new BalpAuditEvents(SOURCE).forRequest(record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.requestId("rq-1")
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.resource(of(RX_A2, PATIENT_A, DENY_BY_C1))
				.build());

		assertThat(events).extracting(event -> event.getType().getCode()).containsExactly("rest", "110113");
		assertThat(events).allSatisfy(event -> assertThat(event.getEntity())
				.anySatisfy(entity -> assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("rq-1")));
	}

	@Test
	void aReadThatWasAllowedIsOneEvent() {
		List<AuditEvent> events = new BalpAuditEvents(SOURCE).forRequest(record(AuditAction.READ, PHARMACIST, 200)
				.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
				.build());

		assertThat(events).extracting(event -> event.getType().getCode()).containsExactly("rest");
	}

	private AuditEvent single(AuditedResource resource) {
		List<AuditEvent> events = builder.build(record(AuditAction.READ, PHARMACIST, 200).resource(resource).build());
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	static AuditEventEntityComponent decisionEntity(AuditEvent event) {
		return event.getEntity().stream()
				.filter(entity -> is(entity.getType(), "http://hl7.org/fhir/resource-types", "Consent"))
				.findFirst()
				.orElseThrow();
	}
}
