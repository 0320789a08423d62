package io.fhirnotary.interceptors.blindindex;

/** The search parameter types the policy tells apart (HAPI's types, mapped by the adapter). */
public enum SearchParamKind {
	TOKEN,
	STRING,
	DATE,
	REFERENCE,
	COMPOSITE,
	/** number, quantity, uri, special: never PHI-bearing on their own, kept in clear. */
	OTHER
}
