package io.fhirnotary.notary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.receipt.ReceiptJson;
import io.fhirnotary.notary.support.AnchoredBatch;
import io.fhirnotary.notary.support.AnvilNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built {@code notary/target/notary-verify.jar}, run as an auditor would run it (after package). */
class VerifierJarIT {

	private static final Path JAR = Path.of("target", "notary-verify.jar");

	@TempDir
	Path dir;

	@Test
	void jarAcceptsAGenuineCopyAndRejectsAModifiedOne() throws Exception {
		assertThat(JAR).as("run after mvn package").exists();
		AnchoredBatch batch = AnchoredBatch.anchor(AnchoredBatch.freshContract(), 1);
		Path receipt = Files.writeString(dir.resolve("receipt.json"), ReceiptJson.write(batch.receipts.get(3)));
		Path genuine = Files.writeString(dir.resolve("patient.json"), batch.resources.get(3));
		Path modified = Files.writeString(dir.resolve("modified.json"), batch.resources.get(3).replace("\"active\":true", "\"active\":false"));

		Result valid = runJar("--resource", genuine.toString(), "--receipt", receipt.toString(), "--rpc", AnvilNode.shared().rpcUrl());
		assertThat(valid.exit).as(valid.output).isZero();
		assertThat(valid.output).startsWith("VALID: Patient/");

		Result invalid = runJar("--resource", modified.toString(), "--receipt", receipt.toString(), "--rpc", AnvilNode.shared().rpcUrl());
		assertThat(invalid.exit).isEqualTo(1);
		assertThat(invalid.output).startsWith("INVALID: content hash mismatch");
	}

	private Result runJar(String... args) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String[] command = new String[args.length + 3];
		command[0] = java;
		command[1] = "-jar";
		command[2] = JAR.toString();
		System.arraycopy(args, 0, command, 3, args.length);
		Path stderr = dir.resolve("stderr-" + System.nanoTime());
		Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(Files.readString(stderr)).as("nothing on stderr").isEmpty();
		return new Result(process.exitValue(), output);
	}

	record Result(int exit, String output) {
	}
}
