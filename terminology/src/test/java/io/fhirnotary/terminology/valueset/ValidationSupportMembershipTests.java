package io.fhirnotary.terminology.valueset;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.TerminologyUrls;
import io.fhirnotary.terminology.bundled.BundledTerminology;
import io.fhirnotary.terminology.bundled.TerminologyValidationSupport;
import io.fhirnotary.terminology.medication.DeaSchedule;
import org.junit.jupiter.api.Test;

class ValidationSupportMembershipTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();

	@Test
	void answersLikeTheEnumerationForTheBundledScheduleSets() {
		BundledTerminology bundled = BundledTerminology.load(R4);
		ValidationSupportMembership viaChain =
				new ValidationSupportMembership(TerminologyValidationSupport.newChain(R4, bundled));
		EnumeratedValueSetMembership inMemory = new EnumeratedValueSetMembership(bundled.valueSets());

		for (String code : new String[] {"1049683", "993770", "204892", "483438", "313782", "123456789"}) {
			for (DeaSchedule schedule : DeaSchedule.values()) {
				assertThat(viaChain.contains(schedule.valueSetUrl(), TerminologyUrls.RXNORM, code))
						.as(code + " in " + schedule)
						.isEqualTo(inMemory.contains(schedule.valueSetUrl(), TerminologyUrls.RXNORM, code));
			}
		}
		assertThat(viaChain.contains("https://fhirnotary.io/fhir/ValueSet/unknown", TerminologyUrls.RXNORM, "1049683")).isFalse();
	}
}
