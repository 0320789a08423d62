package io.fhirnotary.interceptors.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultConsentPolicyTests {

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {"deny,DENY", "DENY,DENY", "' permit ',PERMIT", "Permit,PERMIT", "null,DENY", "'',DENY"})
	void readsTheConfigurationValue(String value, DefaultConsentPolicy expected) {
		assertThat(DefaultConsentPolicy.fromProperty(value)).isEqualTo(expected);
	}

	@Test
	void typoStopsStartUpInsteadOfGuessing() {
		assertThatThrownBy(() -> DefaultConsentPolicy.fromProperty("allow"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("fhirnotary.consent.default");
	}
}
