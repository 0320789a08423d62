package io.fhirnotary.interceptors.audit;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.consent.ConsentReason;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;

/** Callers, references and small readers shared by the audit tests. */
final class AuditFixtures {

	static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
	static final Instant WHEN = Instant.parse("2025-06-15T12:34:56.789Z");
	static final AuditSource SOURCE = new AuditSource("fhir-notary", "notary.example");

	static final ResourceRef PATIENT_A = ref("Patient/A");
	static final ResourceRef PATIENT_B = ref("Patient/B");
	static final ResourceRef RX_A1 = ref("MedicationRequest/a1");
	static final ResourceRef RX_A2 = ref("MedicationRequest/a2");
	static final ResourceRef RX_B1 = ref("MedicationRequest/b1");
	static final ResourceRef OBSERVATION_A = ref("Observation/oa");
	static final ResourceRef MEDICATION = ref("Medication/m1");

	/** A pharmacist at pharmacy 1, treating. */
	static final Caller PHARMACIST = Caller.builder()
			.clientId("pharmacy-app")
			.fhirUser("Practitioner/ph1")
			.organization("Organization/pharm1")
			.scopes("user/MedicationRequest.rs")
			.purposeOfUse("TREAT")
			.build();

	/** A practitioner breaking the glass. */
	static final Caller EMERGENCY_DOCTOR = Caller.builder()
			.clientId("er-app")
			.fhirUser("Practitioner/er1")
			.scopes("user/*.rs")
			.purposeOfUse("ETREAT")
			.build();

	static final Caller PATIENT = Caller.builder().clientId("patient-app").fhirUser("Patient/A").scopes("patient/*.rs").build();

	/** A backend service with no user. */
	static final Caller EHR = Caller.builder().clientId("ehr-backend").scopes("system/*.cruds").custodian(true).build();

	static final ConsentDecision PERMIT_BY_C1 = new ConsentDecision(ConsentReason.CONSENT_PERMIT, "Consent/c1/_history/2");
	static final ConsentDecision DENY_BY_C1 = new ConsentDecision(ConsentReason.CONSENT_DENY, "Consent/c1/_history/2");
	static final ConsentDecision DEFAULT_DENY = new ConsentDecision(ConsentReason.NO_CONSENT_DEFAULT_DENY, null);
	static final ConsentDecision EMERGENCY_OVER_C1 = new ConsentDecision(ConsentReason.EMERGENCY, "Consent/c1/_history/2");
	static final ConsentDecision NOT_PATIENT_DATA = new ConsentDecision(ConsentReason.NOT_PATIENT_DATA, null);

	private AuditFixtures() {}

	static ResourceRef ref(String reference) {
		return ResourceRef.parse(reference).orElseThrow();
	}

	static AuditedResource of(ResourceRef resource, ResourceRef patient, ConsentDecision decision) {
		return AuditedResource.of(resource).inCompartmentOf(patient).decidedBy(decision);
	}

	static AuditRecord.Builder record(AuditAction action, Caller caller, int status) {
		return AuditRecord.builder(action, caller, AuditOutcome.ofHttpStatus(status), WHEN);
	}

	static String json(AuditEvent event) {
		return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(event);
	}

	/** {@code entity.what.reference} of every entity that has one, in order. */
	static List<String> entityReferences(AuditEvent event) {
		return event.getEntity().stream()
				.filter(entity -> entity.getWhat().hasReference())
				.map(entity -> entity.getWhat().getReference())
				.collect(Collectors.toList());
	}

	/** The entities whose role is {@code object-role#code}. */
	static List<AuditEventEntityComponent> entitiesWithRole(AuditEvent event, String code) {
		return event.getEntity().stream()
				.filter(entity -> is(entity.getRole(), "http://terminology.hl7.org/CodeSystem/object-role", code))
				.collect(Collectors.toList());
	}

	static boolean is(Coding coding, String system, String code) {
		return system.equals(coding.getSystem()) && code.equals(coding.getCode());
	}

	/** The value of the entity's detail of the given type, or null. */
	static String detail(AuditEventEntityComponent entity, String type) {
		return entity.getDetail().stream()
				.filter(detail -> type.equals(detail.getType()))
				.map(detail -> detail.getValue().primitiveValue())
				.findFirst()
				.orElse(null);
	}
}
