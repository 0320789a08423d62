package io.fhirnotary.interceptors.hygiene;

/**
 * Minimal OperationOutcome JSON for answers written outside HAPI (servlet filters, the security
 * filter chain), where no {@code FhirContext} is at hand. Messages are our own constants, never request content.
 */
public final class OperationOutcomes {

	private OperationOutcomes() {}

	public static String errorJson(String issueCode, String diagnostics) {
		return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
				+ escape(issueCode) + "\",\"diagnostics\":\"" + escape(diagnostics) + "\"}]}";
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					} else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}
}
