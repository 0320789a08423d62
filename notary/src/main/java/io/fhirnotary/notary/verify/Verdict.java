package io.fhirnotary.notary.verify;

/** The outcome of one check: valid, or the precise reason it is not. */
public record Verdict(boolean valid, String message) {

	public static Verdict valid(String message) {
		return new Verdict(true, message);
	}

	public static Verdict invalid(String reason) {
		return new Verdict(false, reason);
	}
}
