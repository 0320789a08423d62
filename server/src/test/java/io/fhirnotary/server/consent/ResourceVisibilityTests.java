package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.fhirnotary.interceptors.consent.ConsentDecider;
import io.fhirnotary.interceptors.consent.ConsentReason;
import io.fhirnotary.interceptors.consent.DefaultConsentPolicy;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The adapter's own choices around {@link ConsentDecider}: several owners, unknown owners, the
 * per-request cache, {@code related} lookups — and the opt-out row of the HTTP matrix
 * ({@code fhirnotary.consent.default=permit}), which the integration tests cannot switch without a
 * second application context.
 */
class ResourceVisibilityTests {

	private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

	private final Map<ResourceRef, List<Consent>> consents = new HashMap<>();
	private final List<ResourceRef> consentLookups = new ArrayList<>();
	private final Map<ResourceRef, Resource> stored = new HashMap<>();
	private final List<ResourceRef> reads = new ArrayList<>();

	private final Caller pharmacy = Caller.builder().fhirUser("Organization/ph2").scopes("user/*.rs").build();
	private final Caller patientA = Caller.builder().fhirUser("Patient/a").scopes("patient/*.rs").build();

	private ResourceVisibility visibility(DefaultConsentPolicy policy) {
		return new ResourceVisibility(
				new ConsentDecider(policy),
				new PatientOfResource(FhirContext.forR4Cached()),
				(patient, scope) -> {
					consentLookups.add(patient);
					return consents.getOrDefault(patient, List.of());
				},
				ref -> {
					reads.add(ref);
					return Optional.ofNullable(stored.get(ref));
				},
				NOW);
	}

	private static RequestScope newRequest() {
		return RequestScope.of(new SystemRequestDetails());
	}

	private static MedicationRequest prescriptionOf(String patient) {
		return (MedicationRequest) new MedicationRequest().setSubject(new Reference("Patient/" + patient))
				.setId("MedicationRequest/rx-" + patient);
	}

	private static Consent consentOf(String patient, Consent.ConsentProvisionType type, String actor, String resourceType) {
		Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(new Reference("Patient/" + patient));
		consent.setId("Consent/c-" + patient + "-" + actor.replace('/', '-'));
		consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
		Consent.ProvisionComponent provision = consent.getProvision().setType(type);
		provision.addActor().setReference(new Reference(actor));
		if (resourceType != null) {
			provision.addClass_(new Coding("http://hl7.org/fhir/resource-types", resourceType, null));
		}
		return consent;
	}

	@Test
	void optOutShowsAPatientsDataToAPharmacyWithoutConsentExceptAuditEvents() {
		ResourceVisibility optOut = visibility(DefaultConsentPolicy.PERMIT);
		Observation observation = (Observation) new Observation().setSubject(new Reference("Patient/a")).setId("Observation/o");
		AuditEvent event = (AuditEvent) new AuditEvent().setId("AuditEvent/e");
		event.addEntity().setWhat(new Reference("Patient/a"));
		assertThat(optOut.decide(pharmacy, prescriptionOf("a"), newRequest()).reason()).isEqualTo(ConsentReason.DEFAULT_PERMIT);
		assertThat(optOut.visible(pharmacy, observation, newRequest())).isTrue();
		assertThat(optOut.visible(pharmacy, new Patient().setId("Patient/a"), newRequest())).isTrue();
		assertThat(optOut.visible(pharmacy, event, newRequest())).isFalse();
		assertThat(visibility(DefaultConsentPolicy.DENY).visible(pharmacy, prescriptionOf("a"), newRequest())).isFalse();
	}

	@Test
	void optOutStillHonoursADeny() {
		consents.put(new ResourceRef("Patient", "a"),
				List.of(consentOf("a", Consent.ConsentProvisionType.DENY, "Organization/ph2", "MedicationRequest")));
		assertThat(visibility(DefaultConsentPolicy.PERMIT).decide(pharmacy, prescriptionOf("a"), newRequest()).reason())
				.isEqualTo(ConsentReason.CONSENT_DENY);
	}

	@Test
	void aResourceOfSeveralPatientsNeedsEveryOnesPermission() {
		Observation shared = (Observation) new Observation().setSubject(new Reference("Patient/a"))
				.addPerformer(new Reference("Patient/b")).setId("Observation/shared");
		ResourceVisibility optIn = visibility(DefaultConsentPolicy.DENY);
		consents.put(new ResourceRef("Patient", "a"),
				List.of(consentOf("a", Consent.ConsentProvisionType.PERMIT, "Organization/ph2", null)));
		assertThat(optIn.visible(pharmacy, shared, newRequest())).as("only A consents").isFalse();
		consents.put(new ResourceRef("Patient", "b"),
				List.of(consentOf("b", Consent.ConsentProvisionType.PERMIT, "Organization/ph2", null)));
		assertThat(optIn.visible(pharmacy, shared, newRequest())).as("both consent").isTrue();
		assertThat(optIn.visible(patientA, shared, newRequest())).as("A's own record, but also B's").isFalse();
	}

	@Test
	void aResourceWhosePatientCannotBeIdentifiedIsForCustodiansOnly() {
		Observation external = (Observation) new Observation()
				.setSubject(new Reference("http://elsewhere.example/fhir/Patient/a")).setId("Observation/x");
		Caller custodian = Caller.builder().custodian(true).scopes("system/*.rs").build();
		ResourceVisibility optOut = visibility(DefaultConsentPolicy.PERMIT);
		assertThat(optOut.decide(pharmacy, external, newRequest()).reason())
				.isEqualTo(ConsentReason.NO_PATIENT_FOR_PATIENT_DATA);
		assertThat(optOut.visible(patientA, external, newRequest())).isFalse();
		assertThat(optOut.visible(custodian, external, newRequest())).isTrue();
	}

	@Test
	void consentsAreReadOncePerRequestAndAgainForTheNextRequest() {
		ResourceVisibility optIn = visibility(DefaultConsentPolicy.DENY);
		RequestScope request = newRequest();
		optIn.visible(pharmacy, prescriptionOf("a"), request);
		optIn.visible(pharmacy, new Patient().setId("Patient/a"), request);
		assertThat(consentLookups).containsExactly(new ResourceRef("Patient", "a"));

		consents.put(new ResourceRef("Patient", "a"),
				List.of(consentOf("a", Consent.ConsentProvisionType.PERMIT, "Organization/ph2", null)));
		assertThat(optIn.visible(pharmacy, prescriptionOf("a"), request)).as("same request, cached").isFalse();
		assertThat(optIn.visible(pharmacy, prescriptionOf("a"), newRequest())).as("next request").isTrue();
	}

	@Test
	void relatedProvisionsReadTheNamedResource() {
		MedicationRequest named = prescriptionOf("a");
		named.setRequester(new Reference("Practitioner/doc"));
		stored.put(new ResourceRef("MedicationRequest", "rx-a"), named);
		Consent related = consentOf("a", Consent.ConsentProvisionType.PERMIT, "Organization/ph2", null);
		related.getProvision().addData().setMeaning(Consent.ConsentDataMeaning.RELATED)
				.setReference(new Reference("MedicationRequest/rx-a"));
		consents.put(new ResourceRef("Patient", "a"), List.of(related));
		ResourceVisibility optIn = visibility(DefaultConsentPolicy.DENY);
		RequestScope request = newRequest();
		assertThat(optIn.visible(pharmacy, new Patient().setId("Patient/a"), request)).as("a1 refers to A").isTrue();
		assertThat(optIn.visible(pharmacy, new Patient().setId("Patient/a"), request)).isTrue();
		assertThat(reads).containsExactly(new ResourceRef("MedicationRequest", "rx-a"));
	}
}
