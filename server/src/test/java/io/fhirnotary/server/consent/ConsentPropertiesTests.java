package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.interceptors.consent.DefaultConsentPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConsentPropertiesTests {

	private static ConsentProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
				.bindOrCreate("fhirnotary.consent", ConsentProperties.class);
	}

	@Test
	void theDefaultPolicyIsReadFromFhirnotaryConsentDefault() {
		assertThat(bind(Map.of("fhirnotary.consent.default", "permit")).policy()).isEqualTo(DefaultConsentPolicy.PERMIT);
		assertThat(bind(Map.of("fhirnotary.consent.default", "DENY")).policy()).isEqualTo(DefaultConsentPolicy.DENY);
		assertThat(bind(Map.of()).policy()).isEqualTo(DefaultConsentPolicy.DENY);
	}

	@Test
	void anyOtherValueStopsTheStartUp() {
		assertThatThrownBy(() -> bind(Map.of("fhirnotary.consent.default", "allow")))
				.isInstanceOf(BindException.class)
				.hasRootCauseMessage("fhirnotary.consent.default must be 'deny' or 'permit', not 'allow'");
	}
}
