package io.fhirnotary.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.validation.FhirValidator;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import io.fhirnotary.interceptors.validation.KnownCodesCheck;
import io.fhirnotary.interceptors.validation.PrescriptionRulesCheck;
import io.fhirnotary.interceptors.validation.ReferencesResolveCheck;
import io.fhirnotary.interceptors.validation.ResourceCheck;
import io.fhirnotary.interceptors.validation.WriteValidationInterceptor;
import io.fhirnotary.interceptors.validation.WriteValidator;
import io.fhirnotary.server.config.FhirNotaryProperties;
import io.fhirnotary.terminology.rules.PrescriptionRules;
import io.fhirnotary.terminology.valueset.ValidationSupportMembership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Validation on write (DESIGN §7): in protected mode, every create and update of the configured
 * types passes {@link WriteValidator} before HAPI stores it. The interceptor is registered on
 * HAPI's JPA interceptor service so no write path (REST, bundles, internal DAO calls) skips it.
 */
@Configuration
public class WriteValidationConfig {

	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	private static final Logger log = LoggerFactory.getLogger(WriteValidationConfig.class);

	@Bean
	WriteValidator writeValidator(
			FhirContext fhirContext,
			IValidationSupport terminology,
			DaoRegistry daos,
			ValidationProperties validation) {
		PrescriptionRules prescriptionRules = PrescriptionRules.bundled(fhirContext);
		FhirValidator validator = fhirContext.newValidator();
		validator.registerValidatorModule(instanceValidator(terminology));

		var fhirPath = fhirContext.newFhirPath();
		ResourceCheck references = new ReferencesResolveCheck(new DaoStoredResources(daos), fhirPath);
		ResourceCheck medicationCodes = new KnownCodesCheck(terminology, fhirPath, Set.of(RXNORM), List.of(
				"MedicationRequest.medication.ofType(CodeableConcept)",
				"MedicationDispense.medication.ofType(CodeableConcept)"));

		Map<String, List<ResourceCheck>> checks = new HashMap<>();
		ResourceCheck rules = new PrescriptionRulesCheck(prescriptionRules, new ValidationSupportMembership(terminology));
		checks.put("MedicationRequest", List.of(medicationCodes, references, rules));
		checks.put("MedicationDispense", List.of(medicationCodes, references));
		checks.put("Consent", List.of(references));
		return new WriteValidator(validator, validation.resourceTypes(), checks);
	}

	/**
	 * HAPI's instance validator over the server's terminology (stored code systems in front of
	 * FHIR's own). Profiles it does not hold (EHRs declare US Core and others) are reported as
	 * warnings: the resource is still checked against the base specification. One validator per
	 * thread is reused ({@link ReusedInstanceValidator}): building one per resource cost more
	 * than validating it.
	 */
	private static FhirInstanceValidator instanceValidator(IValidationSupport terminology) {
		FhirInstanceValidator validator = new ReusedInstanceValidator(terminology);
		validator.setErrorForUnknownProfiles(false);
		validator.setAnyExtensionsAllowed(true);
		return validator;
	}

	@Bean
	WriteValidationInterceptor writeValidationInterceptor(
			FhirContext fhirContext,
			WriteValidator validator,
			IInterceptorService jpaInterceptors,
			FhirNotaryProperties properties) {
		WriteValidationInterceptor interceptor = new WriteValidationInterceptor(fhirContext, validator);
		if (properties.mode().isProtected() && !validator.validatedTypes().isEmpty()) {
			jpaInterceptors.registerInterceptor(interceptor);
			log.info("Validating {} on every write", new ArrayList<>(validator.validatedTypes()));
		} else {
			log.info("Validation on write is off ({} mode, types {})", properties.mode(), validator.validatedTypes());
		}
		return interceptor;
	}
}
