package io.fhirnotary.server.consent;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import io.fhirnotary.interceptors.identity.ResourceScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which cached searches a caller may reuse: a key for everything a consent-filtered result list
 * depends on besides the query — who asks (client, user, organisations, scopes, purposes, roles)
 * and the state of the Consents (their generation, see {@link ConsentGeneration}). Two requests
 * with equal scopes would have been filtered identically, so the second may reuse the first's list.
 *
 * <p>The key is a hash: HAPI stores it with the search's query string in {@code HFJ_SEARCH}, and
 * the table should name no caller in clear.
 */
record CallerSearchScope(String key) {

	/** Appended to a judged search's query string; never produced by HAPI's own normalisation. */
	static final String MARK = "&_fhirnotary-scope=";

	CallerSearchScope {
		Objects.requireNonNull(key);
	}

	static CallerSearchScope of(Caller caller, String consentGeneration) {
		StringBuilder canonical = new StringBuilder()
				.append("client=").append(caller.clientId())
				.append("\nuser=").append(caller.fhirUser())
				.append("\norganizations=").append(sorted(caller.organizations().stream().map(ResourceRef::toString).toList()))
				.append("\nscopes=").append(sorted(caller.scopes().resourceScopes().stream().map(ResourceScope::token).toList()))
				.append("\nother-scopes=").append(sorted(caller.scopes().otherScopes()))
				.append("\npurposes=").append(sorted(caller.purposesOfUse()))
				.append("\ncustodian=").append(caller.custodian())
				.append("\nauditor=").append(caller.auditor())
				.append("\nconsents=").append(consentGeneration);
		return new CallerSearchScope(sha256Hex(canonical.toString()).substring(0, 32));
	}

	/** The query string a search of this scope is stored and looked up under. */
	String scoped(String queryString) {
		return queryString + MARK + key;
	}

	private static TreeSet<String> sorted(Iterable<String> values) {
		TreeSet<String> sorted = new TreeSet<>();
		values.forEach(sorted::add);
		return sorted;
	}

	private static String sha256Hex(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}
}
