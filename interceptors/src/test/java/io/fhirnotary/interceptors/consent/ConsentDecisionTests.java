package io.fhirnotary.interceptors.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsentDecisionTests {

	private static final Set<ConsentReason> PERMITTING = EnumSet.of(
			ConsentReason.PATIENT_SELF, ConsentReason.PRESCRIBER, ConsentReason.CUSTODIAN, ConsentReason.AUDITOR,
			ConsentReason.EMERGENCY, ConsentReason.CONSENT_PERMIT, ConsentReason.CONSENT_NAMES_CALLER,
			ConsentReason.DEFAULT_PERMIT, ConsentReason.NOT_PATIENT_DATA);

	@ParameterizedTest
	@EnumSource(ConsentReason.class)
	void reasonFixesTheVerdict(ConsentReason reason) {
		assertThat(new ConsentDecision(reason, null).permitted()).isEqualTo(PERMITTING.contains(reason));
	}

	@Test
	void onlyEmergencyIsFlaggedAsEmergency() {
		assertThat(new ConsentDecision(ConsentReason.EMERGENCY, null).emergency()).isTrue();
		assertThat(new ConsentDecision(ConsentReason.CONSENT_PERMIT, "Consent/c").emergency()).isFalse();
	}

	@Test
	void reasonIsRequired() {
		assertThatThrownBy(() -> new ConsentDecision(null, null)).isInstanceOf(NullPointerException.class);
	}
}
