package io.fhirnotary.interceptors.blindindex;

/**
 * A search the blind index cannot answer (a disabled parameter, a modifier or prefix that needs the
 * clear value, sorting by a blinded value). The adapter answers 400 with an OperationOutcome rather
 * than a silently empty result. Messages name parameters and modifiers, never searched values.
 */
public final class UnsupportedBlindSearchException extends RuntimeException {

	public UnsupportedBlindSearchException(String message) {
		super(message);
	}
}
