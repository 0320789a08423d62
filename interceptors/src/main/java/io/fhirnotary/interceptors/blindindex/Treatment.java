package io.fhirnotary.interceptors.blindindex;

import java.util.Objects;

/**
 * What the index does with one search parameter: keep its values in clear, store and search them as
 * blind tokens (with the normaliser that decides what is equal), or not index and refuse it.
 */
public record Treatment(Kind kind, Normaliser normaliser) {

	public enum Kind {
		CLEAR,
		BLIND,
		DISABLED
	}

	public static final Treatment CLEAR = new Treatment(Kind.CLEAR, null);
	public static final Treatment DISABLED = new Treatment(Kind.DISABLED, null);

	public Treatment {
		Objects.requireNonNull(kind, "kind");
		if ((kind == Kind.BLIND) != (normaliser != null)) {
			throw new IllegalArgumentException("a normaliser is needed exactly for blinded parameters");
		}
	}

	public static Treatment blind(Normaliser normaliser) {
		return new Treatment(Kind.BLIND, Objects.requireNonNull(normaliser, "normaliser"));
	}

	public boolean isBlind() {
		return kind == Kind.BLIND;
	}

	public boolean isDisabled() {
		return kind == Kind.DISABLED;
	}
}
