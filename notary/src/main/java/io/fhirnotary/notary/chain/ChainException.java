package io.fhirnotary.notary.chain;

/**
 * The chain could not be reached or refused a request. {@link #unreachable()} tells a node that is
 * down (retry later; nothing is lost) from an answer that was an error.
 */
public class ChainException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	private final boolean unreachable;

	public ChainException(String message, boolean unreachable, Throwable cause) {
		super(message, cause);
		this.unreachable = unreachable;
	}

	public static ChainException unreachable(String what, Throwable cause) {
		return new ChainException(what + ": the Ethereum node did not answer (" + cause.getClass().getSimpleName() + ")", true,
				cause);
	}

	public static ChainException refused(String what, String message) {
		return new ChainException(what + ": " + message, false, null);
	}

	public boolean unreachable() {
		return unreachable;
	}
}
