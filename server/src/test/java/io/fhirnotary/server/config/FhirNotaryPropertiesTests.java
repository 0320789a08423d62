package io.fhirnotary.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class FhirNotaryPropertiesTests {

	private final ApplicationContextRunner runner =
			new ApplicationContextRunner().withUserConfiguration(Binding.class);

	@EnableConfigurationProperties(FhirNotaryProperties.class)
	static class Binding {}

	@Test
	void defaultsToProtectedModeAndATenMegabyteBodyLimit() {
		runner.run(context -> {
			FhirNotaryProperties properties = context.getBean(FhirNotaryProperties.class);
			assertThat(properties.mode()).isEqualTo(ServerMode.PROTECTED);
			assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(10));
			assertThat(properties.defaultPageSize()).isEqualTo(20);
		});
	}

	@Test
	void bindsPlainModeAndLimitsFromPropertiesOrEnvironmentStyleNames() {
		runner.withPropertyValues("fhirnotary.mode=plain", "FHIRNOTARY_MAX_REQUEST_SIZE=2MB").run(context -> {
			FhirNotaryProperties properties = context.getBean(FhirNotaryProperties.class);
			assertThat(properties.mode()).isEqualTo(ServerMode.PLAIN);
			assertThat(properties.mode().isProtected()).isFalse();
		});
		runner.withPropertyValues("fhirnotary.max-request-size=2MB").run(context ->
				assertThat(context.getBean(FhirNotaryProperties.class).maxRequestSize()).isEqualTo(DataSize.ofMegabytes(2)));
	}

	@Test
	void refusesADefaultPageLargerThanTheMaximum() {
		runner.withPropertyValues("fhirnotary.default-page-size=500", "fhirnotary.max-page-size=100")
				.run(context -> assertThat(context).hasFailed());
	}
}
