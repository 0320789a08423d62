package io.fhirnotary.interceptors.audit;

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
import static io.fhirnotary.interceptors.audit.AuditFixtures.of;
import static io.fhirnotary.interceptors.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.fhirnotary.interceptors.identity.Caller;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of event the builders make is a valid FHIR R4 AuditEvent (base definition, core terminology). */
class AuditEventValidationTests {

	private static FhirValidator validator;

	@BeforeAll
	static void validator() {
		FhirContext context = FhirContext.forR4Cached();
		ValidationSupportChain support = new ValidationSupportChain(
				new DefaultProfileValidationSupport(context),
				new CommonCodeSystemsTerminologyService(context),
				new InMemoryTerminologyServerValidationSupport(context),
				new SnapshotGeneratingValidationSupport(context));
		validator = context.newValidator();
		validator.registerValidatorModule(new FhirInstanceValidator(support));
	}

	static Stream<AuditRecord> records() {
		Caller anonymous = Caller.builder().build();
		return Stream.of(
				record(AuditAction.READ, PHARMACIST, 200).resourceType("MedicationRequest").requestId("rq-1")
						.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1).withVersion("2")).build(),
				record(AuditAction.SEARCH_TYPE, PHARMACIST, 200).resourceType("MedicationRequest")
						.queryString("patient=A&status=active&_include=MedicationRequest:medication")
						.resource(of(RX_A1, PATIENT_A, PERMIT_BY_C1))
						.resource(of(RX_A2, PATIENT_A, DENY_BY_C1))
						.resource(of(RX_B1, PATIENT_B, DEFAULT_DENY))
						.resource(of(MEDICATION, null, NOT_PATIENT_DATA)).build(),
				record(AuditAction.SEARCH_SYSTEM, EHR, 200).build(),
				record(AuditAction.OPERATION, EMERGENCY_DOCTOR, 200).resourceType("Patient").operation("$everything")
						.resource(of(PATIENT_A, PATIENT_A, EMERGENCY_OVER_C1))
						.resource(of(OBSERVATION_A, PATIENT_A, EMERGENCY_OVER_C1)).build(),
				record(AuditAction.CREATE, PHARMACIST, 403).resourceType("MedicationDispense").build(),
				record(AuditAction.UPDATE, EHR, 200).resource(of(RX_A1, PATIENT_A, null).withVersion("4")).build(),
				record(AuditAction.DELETE, EHR, 204).resource(of(RX_A2, PATIENT_A, null)).build(),
				record(AuditAction.HISTORY_INSTANCE, PATIENT, 200).resource(of(RX_A1, PATIENT_A, null).withVersion("1")).build(),
				record(AuditAction.TRANSACTION, EHR, 500).build(),
				record(AuditAction.VREAD, anonymous, 401).resourceType("Observation").build());
	}

	@ParameterizedTest
	@MethodSource("records")
	void everyBuiltEventValidatesWithoutErrors(AuditRecord record) {
		List<AuditEvent> events = new BalpAuditEvents(SOURCE).forRequest(record);

		assertThat(events).isNotEmpty();
		for (AuditEvent event : events) {
			assertThat(errors(event)).as(AuditFixtures.json(event)).isEmpty();
		}
	}

	@Test
	void theValidatorRejectsAnEventWithoutObserver() {
		AuditEvent event = new RestAuditEventBuilder(SOURCE).build(record(AuditAction.READ, PHARMACIST, 200).build()).get(0);
		event.getSource().setObserver(new Reference());
		event.setRecordedElement(null);

		assertThat(errors(event)).isNotEmpty();
	}

	private static List<String> errors(AuditEvent event) {
		return validator.validateWithResult(event).getMessages().stream()
				.filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.map(SingleValidationMessage::toString)
				.collect(Collectors.toList());
	}
}
