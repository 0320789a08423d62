package io.fhirnotary.terminology.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import io.fhirnotary.terminology.TerminologyUrls;
import io.fhirnotary.terminology.medication.DeaSchedule;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The consent vocabularies and UCUM come from HAPI's built-in FHIR core content; the chain adds
 * the bundled RxNorm subset and DEA value sets, and lets a support in front answer first.
 */
class TerminologyValidationSupportTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private static BundledTerminology bundled;
	private static ValidationSupportChain chain;

	@BeforeAll
	static void buildChain() {
		bundled = BundledTerminology.load(R4);
		chain = TerminologyValidationSupport.newChain(R4, bundled);
	}

	@ParameterizedTest(name = "{0}#{1}")
	@CsvSource({
		"http://terminology.hl7.org/CodeSystem/consentscope,          patient-privacy, Privacy Consent",
		"http://terminology.hl7.org/CodeSystem/consentaction,         access,          Access",
		"http://terminology.hl7.org/CodeSystem/v3-ActReason,          TREAT,           treatment",
		"http://terminology.hl7.org/CodeSystem/v3-ActReason,          ETREAT,          Emergency Treatment",
		"http://terminology.hl7.org/CodeSystem/v3-ActReason,          HPAYMT,          healthcare payment",
		"http://unitsofmeasure.org,                                   mg,              (milligram)",
		"http://www.nlm.nih.gov/research/umls/rxnorm,                 1049683,         oxyCODONE Hydrochloride 10 MG Oral Tablet",
		"https://fhirnotary.io/fhir/CodeSystem/dea-schedule,          CII,             Schedule II",
	})
	void acceptsKnownCodes(String system, String code, String display) {
		CodeValidationResult result = validate(chain, system, code, null);

		assertThat(result).isNotNull();
		assertThat(result.isOk()).as(result.getMessage()).isTrue();
		assertThat(result.getDisplay()).isEqualTo(display);
	}

	@Test
	void rejectsAnUnknownUcumUnit() {
		CodeValidationResult result = validate(chain, TerminologyUrls.UCUM, "mgg", null);

		assertThat(result.isOk()).isFalse();
		assertThat(result.getSeverity()).isEqualTo(IssueSeverity.ERROR);
		assertThat(result.getMessage()).contains("mgg");
	}

	@Test
	void rejectsAnUnknownConsentScope() {
		CodeValidationResult result = validate(chain, "http://terminology.hl7.org/CodeSystem/consentscope", "no-such-scope", null);

		assertThat(result.isOk()).isFalse();
		assertThat(result.getSeverity()).isEqualTo(IssueSeverity.ERROR);
	}

	@Test
	void aCodeOutsideTheRxNormFragmentIsOnlyAWarning() {
		// content = fragment: the subset cannot say that a code does not exist in RxNorm
		CodeValidationResult result = validate(chain, TerminologyUrls.RXNORM, "123456789", null);

		assertThat(result.isOk()).isFalse();
		assertThat(result.getSeverity()).isEqualTo(IssueSeverity.WARNING);
	}

	@Test
	void scheduleValueSetsContainTheirCodesOnly() {
		String scheduleII = DeaSchedule.CII.valueSetUrl();

		assertThat(validate(chain, TerminologyUrls.RXNORM, "1049683", scheduleII).isOk()).isTrue();
		assertThat(validate(chain, TerminologyUrls.RXNORM, "993770", scheduleII).isOk()).isFalse();
		assertThat(validate(chain, TerminologyUrls.RXNORM, "993770", DeaSchedule.CIII.valueSetUrl()).isOk()).isTrue();
		assertThat(validate(chain, TerminologyUrls.RXNORM, "993770", TerminologyUrls.CONTROLLED_SUBSTANCES_VALUE_SET).isOk()).isTrue();
	}

	@Test
	void looksUpSubsetDisplays() {
		IValidationSupport.LookupCodeResult result =
				chain.lookupCode(new ValidationSupportContext(chain), new LookupCodeRequest(TerminologyUrls.RXNORM, "993770"));

		assertThat(result.isFound()).isTrue();
		assertThat(result.getCodeDisplay()).isEqualTo("Acetaminophen 300 MG / Codeine Phosphate 15 MG Oral Tablet");
	}

	@Test
	void aSupportInFrontAnswersBeforeTheBundledSubset() {
		// stands in for HAPI's JPA support holding a full RxNorm release
		PrePopulatedValidationSupport loaded = new PrePopulatedValidationSupport(R4);
		CodeSystem fullRelease = new CodeSystem();
		fullRelease.setUrl(TerminologyUrls.RXNORM);
		fullRelease.setVersion("test-release");
		fullRelease.setStatus(PublicationStatus.ACTIVE);
		fullRelease.setContent(CodeSystemContentMode.COMPLETE);
		fullRelease.addConcept().setCode("123456789").setDisplay("a code only the loaded release has");
		loaded.addCodeSystem(fullRelease);

		ValidationSupportChain withLoaded = TerminologyValidationSupport.newChain(R4, bundled, List.of(loaded));

		CodeValidationResult onlyInRelease = validate(withLoaded, TerminologyUrls.RXNORM, "123456789", null);
		assertThat(onlyInRelease.isOk()).isTrue();
		assertThat(onlyInRelease.getDisplay()).isEqualTo("a code only the loaded release has");
		// the release is complete, so a subset-only code is now an error, not a fragment warning
		CodeValidationResult onlyInSubset = validate(withLoaded, TerminologyUrls.RXNORM, "1049683", null);
		assertThat(onlyInSubset.isOk()).isFalse();
		assertThat(onlyInSubset.getSeverity()).isEqualTo(IssueSeverity.ERROR);
	}

	private static CodeValidationResult validate(IValidationSupport support, String system, String code, String valueSetUrl) {
		return support.validateCode(new ValidationSupportContext(support), new ConceptValidationOptions(), system, code, null, valueSetUrl);
	}
}
