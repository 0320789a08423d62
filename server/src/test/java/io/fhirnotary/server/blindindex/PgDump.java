package io.fhirnotary.server.blindindex;

import io.fhirnotary.testkit.FreshPostgresDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs {@code pg_dump} (plain SQL format: what a stolen backup looks like) against the test
 * database and hands every line to a consumer. Uses the newest {@code pg_dump} under
 * {@code /usr/lib/postgresql/<version>/bin} (Debian's layout; {@code .ci/run} installs the
 * packages), else the one on the {@code PATH}.
 */
final class PgDump {

	private PgDump() {}

	static void dump(FreshPostgresDatabase database, Consumer<String> lines) {
		URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		List<String> command = List.of(executable(), "--no-owner", "--no-privileges", "-h", url.getHost(),
				"-p", Integer.toString(url.getPort() < 0 ? 5432 : url.getPort()), "-U", database.user(), database.name());
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("PGPASSWORD", database.password());
		try {
			Process process = builder.start();
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				reader.lines().forEach(lines);
			}
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("pg_dump did not finish within 5 minutes");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("pg_dump failed with exit code " + process.exitValue());
			}
		} catch (IOException e) {
			throw new IllegalStateException("Cannot run " + command.get(0) + " (install postgresql-client; .ci/run does)", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static String executable() {
		Path debian = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(debian)) {
			try (Stream<Path> versions = Files.list(debian)) {
				List<Path> candidates = new ArrayList<>(versions.map(v -> v.resolve("bin").resolve("pg_dump"))
						.filter(Files::isExecutable).toList());
				candidates.sort(Comparator.comparing(PgDump::majorVersion));
				if (!candidates.isEmpty()) {
					return candidates.get(candidates.size() - 1).toString();
				}
			} catch (IOException e) {
				// fall back to the PATH
			}
		}
		return "pg_dump";
	}

	private static int majorVersion(Path pgDump) {
		try {
			return Integer.parseInt(pgDump.getParent().getParent().getFileName().toString());
		} catch (NumberFormatException e) {
			return 0;
		}
	}
}
