package io.fhirnotary.interceptors.identity;

import java.util.Set;

/**
 * The client ids the configuration trusts with a role: {@code fhirnotary.security.custodian-clients}
 * and {@code fhirnotary.security.auditor-clients}. Matching is exact; a blank or null client id is
 * never trusted.
 *
 * @param custodianClients client ids of custodian EHR systems
 * @param auditorClients   client ids of auditors
 */
public record TrustedClients(Set<String> custodianClients, Set<String> auditorClients) {

	/** Nobody is trusted with a role. */
	public static final TrustedClients NONE = new TrustedClients(Set.of(), Set.of());

	public TrustedClients {
		custodianClients = custodianClients == null ? Set.of() : Set.copyOf(custodianClients);
		auditorClients = auditorClients == null ? Set.of() : Set.copyOf(auditorClients);
	}

	public boolean isCustodian(String clientId) {
		return clientId != null && !clientId.isBlank() && custodianClients.contains(clientId);
	}

	public boolean isAuditor(String clientId) {
		return clientId != null && !clientId.isBlank() && auditorClients.contains(clientId);
	}
}
