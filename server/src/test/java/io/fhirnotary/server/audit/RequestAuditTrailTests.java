package io.fhirnotary.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.fhirnotary.interceptors.audit.AuditedResource;
import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.consent.ConsentReason;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RequestAuditTrailTests {

	private static final ResourceRef PRESCRIPTION = new ResourceRef("MedicationRequest", "rx-1");
	private static final ResourceRef PATIENT = new ResourceRef("Patient", "p-1");

	private final SystemRequestDetails request = new SystemRequestDetails();
	private final AtomicInteger compartmentLookups = new AtomicInteger();

	@Test
	void aShownResourceThatConsentAlreadyJudgedKeepsThePatientOfTheDecisionWithoutWorkingItOutAgain() {
		RequestAuditTrail.recordDecision(
				request, PRESCRIPTION, "1", PATIENT, new ConsentDecision(ConsentReason.CONSENT_PERMIT, "Consent/c-1"));

		RequestAuditTrail.of(request).shown(PRESCRIPTION, "1", counted(new ResourceRef("Patient", "other")));

		assertThat(compartmentLookups).hasValue(0);
		List<AuditedResource> pending = RequestAuditTrail.of(request).notYetAudited();
		assertThat(pending).singleElement().satisfies(entry -> {
			assertThat(entry.patient()).isEqualTo(PATIENT);
			assertThat(entry.decision().consentReference()).isEqualTo("Consent/c-1");
		});
	}

	@Test
	void aShownResourceNobodyJudgedIsFiledUnderThePatientItsCompartmentNames() {
		RequestAuditTrail.of(request).shown(PRESCRIPTION, "2", counted(PATIENT));

		assertThat(compartmentLookups).hasValue(1);
		assertThat(RequestAuditTrail.of(request).notYetAudited())
				.singleElement()
				.satisfies(entry -> assertThat(entry.patient()).isEqualTo(PATIENT));
	}

	@Test
	void aDecisionAboutAnotherVersionDoesNotStandInForTheShownOne() {
		RequestAuditTrail.recordDecision(
				request, PRESCRIPTION, "1", null, new ConsentDecision(ConsentReason.CUSTODIAN, null));

		RequestAuditTrail.of(request).shown(PRESCRIPTION, "2", counted(PATIENT));

		assertThat(compartmentLookups).hasValue(1);
		assertThat(RequestAuditTrail.of(request).notYetAudited()).hasSize(2);
	}

	private Supplier<ResourceRef> counted(ResourceRef patient) {
		return () -> {
			compartmentLookups.incrementAndGet();
			return patient;
		};
	}
}
