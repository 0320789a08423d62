package io.fhirnotary.server.config;

/**
 * What the server adds on top of HAPI. Later features (authentication, consent, encryption,
 * notary) switch on only in {@link #PROTECTED}; {@link #PLAIN} is HAPI as it comes, kept so the
 * benchmarks can measure the cost of protection on the same database and corpus.
 */
public enum ServerMode {
	PROTECTED,
	PLAIN;

	public boolean isProtected() {
		return this == PROTECTED;
	}
}
