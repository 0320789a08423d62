package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Back-off and log throttling of a node whose chain is down (it used to log every 0.5 s tick). */
class ChainRetryTests {

	private final ChainRetry retry = new ChainRetry(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));

	@Test
	void backsOffExponentiallyUpToTheMaximumAndTriesAtOnceAgainAfterASuccess() {
		List<Long> delays = new ArrayList<>();
		long now = 0;
		for (int attempt = 0; attempt < 9; attempt++) {
			retry.failed(now, "connection refused");
			delays.add(retry.delayMillis());
			assertThat(retry.due(now + retry.delayMillis() - 1)).isFalse();
			now += retry.delayMillis();
			assertThat(retry.due(now)).isTrue();
		}
		assertThat(delays).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);

		retry.succeeded(now);
		assertThat(retry.failures()).isZero();
		assertThat(retry.due(now)).isTrue();
		retry.failed(now, "connection refused");
		assertThat(retry.delayMillis()).isEqualTo(500L);
	}

	@Test
	void logsTheFirstFailureThenOnlyAChangedProblemOrAReminderEveryFewMinutes() {
		assertThat(retry.failed(0, "connection refused")).isTrue();
		int logged = 0;
		long now = 0;
		for (int attempt = 0; attempt < 20; attempt++) {
			now += 30_000;
			logged += retry.failed(now, "connection refused") ? 1 : 0;
		}
		// 20 attempts over 10 minutes: a reminder at 5 and at 10 minutes
		assertThat(logged).isEqualTo(2);
		assertThat(retry.failed(now + 1_000, "chain id 1 is not 31337")).isTrue();
		assertThat(retry.failed(now + 2_000, "chain id 1 is not 31337")).isFalse();
	}
}
