package io.fhirnotary.server.notary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code fhirnotary.notary.enabled=false} leaves protected mode without any notary. Outbox rows are
 * written only by {@link NotaryCaptureHooks}, which only {@link NotaryConfig} registers on HAPI's
 * interceptor service; so a {@link NotaryConfig} that contributes nothing means no outbox row, no
 * anchoring node and no re-verification. Proven on {@link NotaryConfig} alone (no server context:
 * a second full server only for this would cost minutes): switched off it registers no bean and
 * needs none of the server's; switched on (explicitly or by default) it does, so with nothing else
 * in this context it fails for want of the server's beans.
 */
class NotaryEnabledSwitchTests {

	private final ApplicationContextRunner notaryOnly = new ApplicationContextRunner().withUserConfiguration(NotaryConfig.class);

	@Test
	void switchedOffInProtectedModeTheNotaryContributesNothing() {
		notaryOnly.withPropertyValues("fhirnotary.mode=protected", "fhirnotary.notary.enabled=false").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(NotaryCaptureHooks.class);
			assertThat(context).doesNotHaveBean(NotaryNodeLifecycle.class);
			assertThat(context).doesNotHaveBean(ReverificationSchedule.class);
			assertThat(context).doesNotHaveBean(NotaryOperationProvider.class);
		});
	}

	@Test
	void onByDefaultAndWhenSetSoItsBeansAreDefined() {
		for (String[] properties : new String[][] {{}, {"fhirnotary.notary.enabled=true"}, {"fhirnotary.mode=protected"}}) {
			notaryOnly.withPropertyValues(properties).run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("notaryVersionJson");
			});
		}
	}

	@Test
	void plainModeHasNoNotaryWhateverTheSwitchSays() {
		notaryOnly.withPropertyValues("fhirnotary.mode=plain", "fhirnotary.notary.enabled=true")
				.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NotaryCaptureHooks.class));
	}
}
