package io.fhirnotary.terminology.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code load} command's options.
 *
 * <pre>
 * load --server URL (--rrf DIR [--version V] | --fhir FILE... | --bundled)
 *      [--token T] [--max-request-size SIZE] [--verify-timeout SECONDS]
 * </pre>
 *
 * @param server the FHIR base URL
 * @param rrfFolder the RxNorm release folder, or null
 * @param version the RxNorm release's version, or null to read it from the release's readme
 * @param fhirFiles FHIR JSON files, empty unless --fhir
 * @param bundled whether to seed the bundled content
 * @param token bearer token, or null
 * @param maxRequestBytes the server's request body limit
 * @param verifyTimeout how long to wait for the server to finish storing
 */
record LoadOptions(
		String server,
		Path rrfFolder,
		String version,
		List<Path> fhirFiles,
		boolean bundled,
		String token,
		long maxRequestBytes,
		Duration verifyTimeout) {

	static final String USAGE = """
			usage: load --server URL (--rrf DIR [--version V] | --fhir FILE... | --bundled)
			            [--token T] [--max-request-size SIZE] [--verify-timeout SECONDS]

			  --server URL              FHIR base URL, e.g. http://localhost:8080/fhir
			  --rrf DIR                 an RxNorm release: the unpacked zip, or a folder with RXNCONSO.RRF (and RXNREL.RRF)
			  --version V               the RxNorm release's version (default: the date in Readme_full_MMDDYYYY.txt)
			  --fhir FILE...            CodeSystem / ValueSet JSON files, each a resource or a Bundle of them
			  --bundled                 the code systems and value sets bundled with fhir-notary
			  --token T                 bearer token sent with every request
			  --max-request-size SIZE   the server's request body limit, e.g. 10MB (default), 512MB
			  --verify-timeout SECONDS  how long to wait for the server to finish storing (default 1200)
			""";

	private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

	static LoadOptions parse(String[] args) throws UsageException {
		if (args.length == 0 || !args[0].equals("load")) {
			throw new UsageException("the only command is load");
		}
		String server = null;
		Path rrf = null;
		String version = null;
		List<Path> fhir = new ArrayList<>();
		boolean bundled = false;
		String token = null;
		long maxRequestBytes = 10L * 1024 * 1024;
		Duration verifyTimeout = Duration.ofSeconds(1200);
		for (int i = 1; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--server" -> server = value(args, ++i, option);
				case "--rrf" -> rrf = Path.of(value(args, ++i, option));
				case "--version" -> version = value(args, ++i, option);
				case "--fhir" -> {
					while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
						fhir.add(Path.of(args[++i]));
					}
					if (fhir.isEmpty()) {
						throw new UsageException("--fhir needs at least one file");
					}
				}
				case "--bundled" -> bundled = true;
				case "--token" -> token = value(args, ++i, option);
				case "--max-request-size" -> maxRequestBytes = size(value(args, ++i, option));
				case "--verify-timeout" -> verifyTimeout = Duration.ofSeconds(number(value(args, ++i, option), option));
				default -> throw new UsageException("unknown option " + option);
			}
		}
		if (server == null) {
			throw new UsageException("--server is required");
		}
		int sources = (rrf != null ? 1 : 0) + (fhir.isEmpty() ? 0 : 1) + (bundled ? 1 : 0);
		if (sources != 1) {
			throw new UsageException("give exactly one of --rrf, --fhir and --bundled");
		}
		if (version != null && rrf == null) {
			throw new UsageException("--version goes with --rrf");
		}
		return new LoadOptions(server, rrf, version, List.copyOf(fhir), bundled, token, maxRequestBytes, verifyTimeout);
	}

	/** "10MB", "512KB", "1048576": binary multiples, as Spring's DataSize reads them. */
	static long size(String text) throws UsageException {
		Matcher match = SIZE.matcher(text.strip());
		if (!match.matches()) {
			throw new UsageException("not a size: " + text + " (e.g. 10MB)");
		}
		long amount = Long.parseLong(match.group(1));
		String unit = match.group(2) == null ? "B" : match.group(2).toUpperCase(Locale.ROOT);
		return switch (unit) {
			case "KB" -> amount * 1024;
			case "MB" -> amount * 1024 * 1024;
			case "GB" -> amount * 1024 * 1024 * 1024;
			default -> amount;
		};
	}

	private static String value(String[] args, int index, String option) throws UsageException {
		if (index >= args.length || args[index].startsWith("--")) {
			throw new UsageException(option + " needs a value");
		}
		return args[index];
	}

	private static long number(String text, String option) throws UsageException {
		try {
			return Long.parseLong(text);
		} catch (NumberFormatException e) {
			throw new UsageException(option + " needs a whole number, not " + text);
		}
	}
}
