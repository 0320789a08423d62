package io.fhirnotary.notary.verify;

import io.fhirnotary.notary.chain.ChainException;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import io.fhirnotary.notary.receipt.ReceiptJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The auditor's verifier, {@code notary-verify.jar}: checks a resource copy against its receipt and
 * the chain, without the server or its database.
 *
 * <pre>
 * java -jar notary-verify.jar --resource FILE --receipt FILE --rpc URL
 * </pre>
 *
 * Prints {@code VALID: ...} and exits 0, or {@code INVALID: <reason>} and exits 1; 2 for wrong usage
 * or unreadable files, 3 when the chain cannot be asked (nothing was decided).
 */
public final class VerifyCommand {

	public static final int VALID = 0;
	public static final int INVALID = 1;
	public static final int USAGE = 2;
	public static final int CHAIN_UNAVAILABLE = 3;

	private static final String USAGE_TEXT = """
			usage: java -jar notary-verify.jar --resource FILE --receipt FILE --rpc URL
			  --resource FILE  the resource version as JSON, exactly as a FHIR vread returned it
			                   (leave it out for the receipt of a delete, which has no body)
			  --receipt  FILE  its fhir-notary receipt (JSON, from $notary-receipt)
			  --rpc      URL   any Ethereum JSON-RPC endpoint of the receipt's chain
			Exit status: 0 valid, 1 invalid, 2 usage or unreadable file, 3 chain unreachable.""";

	private VerifyCommand() {
	}

	public static void main(String[] args) {
		// web3j logs through SLF4J and the jar bundles no logging backend: say so quietly
		System.setProperty("slf4j.internal.verbosity", "WARN");
		System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
		System.exit(run(args, System.out, System.err));
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		Path resourceFile = null;
		Path receiptFile = null;
		String rpcUrl = null;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if ("--help".equals(option) || "-h".equals(option)) {
				out.println(USAGE_TEXT);
				return VALID;
			}
			if (i + 1 >= args.length) {
				return usage(err, "missing value after " + option);
			}
			String value = args[++i];
			switch (option) {
			case "--resource" -> resourceFile = Path.of(value);
			case "--receipt" -> receiptFile = Path.of(value);
			case "--rpc" -> rpcUrl = value;
			default -> {
				return usage(err, "unknown option " + option);
			}
			}
		}
		if (receiptFile == null || rpcUrl == null) {
			return usage(err, "--receipt and --rpc are required");
		}
		if (!rpcUrl.matches("(?i)https?://\\S+")) {
			return usage(err, "--rpc must be an http:// or https:// JSON-RPC URL");
		}
		NotaryReceipt receipt;
		String resource;
		try {
			receipt = ReceiptJson.read(Files.readString(receiptFile, StandardCharsets.UTF_8));
			resource = resourceFile == null ? null : withoutByteOrderMark(Files.readString(resourceFile, StandardCharsets.UTF_8));
		} catch (ReceiptJson.InvalidReceiptException e) {
			out.println("INVALID: " + e.getMessage());
			return INVALID;
		} catch (IOException e) {
			err.println("cannot read " + (e.getMessage() == null ? "an input file" : e.getMessage()));
			return USAGE;
		}

		Verdict proof = ProofCheck.check(resource, receipt);
		if (!proof.valid()) {
			out.println("INVALID: " + proof.message());
			return INVALID;
		}
		Verdict chain;
		try (EthereumRpc rpc = EthereumRpc.connect(rpcUrl)) {
			chain = AnchorCheck.check(rpc, receipt);
		} catch (ChainException e) {
			err.println("CANNOT CHECK: " + e.getMessage());
			return CHAIN_UNAVAILABLE;
		}
		if (!chain.valid()) {
			out.println("INVALID: " + chain.message());
			return INVALID;
		}
		out.println("VALID: " + proof.message() + "; " + chain.message());
		return VALID;
	}

	/** Editors on some systems start UTF-8 files with U+FEFF; it is not part of the JSON. */
	private static String withoutByteOrderMark(String text) {
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	private static int usage(PrintStream err, String problem) {
		err.println(problem);
		err.println(USAGE_TEXT);
		return USAGE;
	}
}
