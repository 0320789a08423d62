package io.fhirnotary.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the terminology loader CLI ({@code scripts/load-terminology}'s entry point) in its own JVM,
 * as a user would, with the test's class path (which holds the terminology module).
 */
public final class TerminologyLoaderProcess {

	public record Result(int exitCode, String output) {}

	private TerminologyLoaderProcess() {}

	public static Result load(String fhirBase, String... arguments) {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"),
				"io.fhirnotary.terminology.cli.Main", "load", "--server", fhirBase));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("terminology loader did not finish within 5 minutes");
			}
			return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
