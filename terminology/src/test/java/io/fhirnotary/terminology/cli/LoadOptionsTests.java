package io.fhirnotary.terminology.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTests {

	@Test
	void readsAnRrfLoad() throws UsageException {
		LoadOptions options = LoadOptions.parse(new String[] {
			"load", "--server", "http://localhost:8080/fhir", "--rrf", "/data/rxnorm", "--version", "01062025",
			"--token", "t", "--max-request-size", "512MB", "--verify-timeout", "30"});

		assertThat(options.server()).isEqualTo("http://localhost:8080/fhir");
		assertThat(options.rrfFolder()).isEqualTo(Path.of("/data/rxnorm"));
		assertThat(options.version()).isEqualTo("01062025");
		assertThat(options.token()).isEqualTo("t");
		assertThat(options.maxRequestBytes()).isEqualTo(512L * 1024 * 1024);
		assertThat(options.verifyTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void readsSeveralFhirFilesUpToTheNextOption() throws UsageException {
		LoadOptions options = LoadOptions.parse(new String[] {"load", "--fhir", "a.json", "b.json", "--server", "http://s/fhir"});

		assertThat(options.fhirFiles()).containsExactly(Path.of("a.json"), Path.of("b.json"));
		assertThat(options.maxRequestBytes()).isEqualTo(10L * 1024 * 1024);
	}

	@Test
	void readsSizesLikeSpringDoes() throws UsageException {
		assertThat(LoadOptions.size("10MB")).isEqualTo(10_485_760L);
		assertThat(LoadOptions.size("512kb")).isEqualTo(524_288L);
		assertThat(LoadOptions.size("1000")).isEqualTo(1000L);
		assertThatThrownBy(() -> LoadOptions.size("ten")).isInstanceOf(UsageException.class);
	}

	@Test
	void refusesCommandLinesItCannotUse() {
		assertThatThrownBy(() -> LoadOptions.parse(new String[] {"load", "--rrf", "x"})).hasMessageContaining("--server");
		assertThatThrownBy(() -> LoadOptions.parse(new String[] {"load", "--server", "s"})).hasMessageContaining("exactly one");
		assertThatThrownBy(() -> LoadOptions.parse(new String[] {"load", "--server", "s", "--rrf", "x", "--bundled"}))
				.hasMessageContaining("exactly one");
		assertThatThrownBy(() -> LoadOptions.parse(new String[] {"load", "--server", "s", "--bundled", "--version", "1"}))
				.hasMessageContaining("--version goes with --rrf");
		assertThatThrownBy(() -> LoadOptions.parse(new String[] {"unload"})).hasMessageContaining("load");
		assertThatThrownBy(() -> LoadOptions.parse(new String[] {"load", "--server"})).hasMessageContaining("needs a value");
		assertThatThrownBy(() -> LoadOptions.parse(new String[] {"load", "--frobnicate"})).hasMessageContaining("unknown option");
	}

	@Test
	void exitsWithTwoAndTheUsageForABadCommandLine() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int status = new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
				.run(new String[] {"load"});

		assertThat(status).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--server is required").contains("usage: load");
	}

	@Test
	void exitsWithOneWhenTheServerCannotBeReached() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int status = new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
				.run(new String[] {"load", "--server", "http://127.0.0.1:1/fhir", "--bundled"});

		assertThat(status).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("load failed");
	}
}
