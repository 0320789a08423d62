package io.fhirnotary.server.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reused validator must say exactly what HAPI's own says, resource after resource on one
 * thread (nothing carried over from the previous validation) and on several threads at once.
 */
class ReusedInstanceValidatorTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static FhirValidator hapis;
	private static FhirValidator reused;
	private static ReusedInstanceValidator reusedModule;

	@BeforeAll
	static void validators() {
		ValidationSupportChain support = new ValidationSupportChain(
				new DefaultProfileValidationSupport(FHIR),
				new InMemoryTerminologyServerValidationSupport(FHIR),
				new CommonCodeSystemsTerminologyService(FHIR));
		FhirInstanceValidator stock = new FhirInstanceValidator(support);
		reusedModule = new ReusedInstanceValidator(support);
		for (FhirInstanceValidator module : List.of(stock, reusedModule)) {
			// as WriteValidationConfig configures the server's
			module.setErrorForUnknownProfiles(false);
			module.setAnyExtensionsAllowed(true);
		}
		hapis = FHIR.newValidator();
		hapis.registerValidatorModule(stock);
		reused = FHIR.newValidator();
		reused.registerValidatorModule(reusedModule);
	}

	@Test
	void reportsWhatHapisValidatorReportsForEachResourceInTurn() {
		List<IBaseResource> resources = samples();
		// twice over, so every resource also follows every other one on the same validator
		for (int round = 0; round < 2; round++) {
			for (IBaseResource resource : resources) {
				assertThat(messages(reused, resource))
						.as("%s (round %d)", resource.fhirType(), round)
						.isEqualTo(messages(hapis, resource));
			}
		}
	}

	@Test
	void theSamplesIncludeFailuresAndCleanResources() {
		// guards the test above against comparing empty lists only
		assertThat(samples()).anySatisfy(r -> assertThat(errors(hapis, r)).isNotEmpty());
		assertThat(samples()).anySatisfy(r -> assertThat(errors(hapis, r)).isEmpty());
	}

	@Test
	void aCleanResourceAfterAFailingOneHasNoErrors() {
		assertThat(errors(reused, prescriptionWithoutStatus())).isNotEmpty();
		assertThat(errors(reused, validPrescription())).isEmpty();
	}

	@Test
	void threadsValidatingAtOnceEachGetTheirOwnAnswers() throws Exception {
		List<IBaseResource> resources = samples();
		List<List<String>> expected = new ArrayList<>();
		for (IBaseResource resource : resources) {
			expected.add(messages(hapis, resource));
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> runs = new ArrayList<>();
			for (int worker = 0; worker < 4; worker++) {
				int offset = worker;
				runs.add(pool.submit(() -> {
					for (int i = 0; i < 3 * resources.size(); i++) {
						int pick = (i + offset) % resources.size();
						if (!messages(reused, resources.get(pick)).equals(expected.get(pick))) {
							return false;
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> run : runs) {
				assertThat(run.get()).isTrue();
			}
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void keepsAnsweringTheSameAfterCachesAreInvalidatedAndAfterRebuilds() {
		List<String> before = messages(reused, prescriptionWithBadStatus());
		reusedModule.invalidateCaches();
		assertThat(messages(reused, prescriptionWithBadStatus())).isEqualTo(before);
		for (int i = 0; i <= ReusedInstanceValidator.USES_BEFORE_REBUILD; i++) {
			messages(reused, validPrescription());
		}
		assertThat(messages(reused, prescriptionWithBadStatus())).isEqualTo(before);
	}

	private static List<String> messages(FhirValidator validator, IBaseResource resource) {
		List<String> all = new ArrayList<>();
		for (SingleValidationMessage message : validator.validateWithResult(resource).getMessages()) {
			all.add(message.getSeverity() + " " + message.getLocationString() + " " + message.getMessage());
		}
		return all;
	}

	private static List<String> errors(FhirValidator validator, IBaseResource resource) {
		return messages(validator, resource).stream().filter(m -> m.startsWith("ERROR") || m.startsWith("FATAL")).toList();
	}

	private static List<IBaseResource> samples() {
		Patient linkWithoutTarget = new Patient();
		linkWithoutTarget.addName().setFamily("Example");
		linkWithoutTarget.addLink().setType(Patient.LinkType.SEEALSO); // link.other is required
		Patient profiled = new Patient();
		profiled.getMeta().addProfile("http://example.org/fhir/StructureDefinition/unknown-profile");
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.getScope().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null));
		consent.addCategory().addCoding(new Coding("http://loinc.org", "59284-0", null));
		consent.setPatient(new Reference("Patient/p1"));
		return List.of(validPrescription(), prescriptionWithoutStatus(), prescriptionWithBadStatus(), linkWithoutTarget, profiled,
				consent, new Consent());
	}

	private static MedicationRequest validPrescription() {
		MedicationRequest request = new MedicationRequest();
		request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.setMedication(new CodeableConcept().addCoding(
				new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "197361", "amlodipine 5 MG Oral Tablet")));
		request.setSubject(new Reference("Patient/p1"));
		request.setAuthoredOnElement(new DateTimeType("2024-05-01"));
		return request;
	}

	private static MedicationRequest prescriptionWithoutStatus() {
		MedicationRequest request = validPrescription();
		request.setStatus(null);
		return request;
	}

	private static MedicationRequest prescriptionWithBadStatus() {
		MedicationRequest request = validPrescription();
		request.getStatusElement().setValueAsString("active");
		request.getStatusElement().setValue(null);
		request.getStatusElement().addExtension("http://example.org/unknown", new DateTimeType("2024-01-01"));
		return request;
	}
}
