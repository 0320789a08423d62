package io.fhirnotary.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.interceptors.identity.Caller;
import java.util.Optional;

/**
 * Who is behind a FHIR request, as the consent and write-rule adapters need it. In protected
 * mode every request that reaches HAPI has been authenticated by Spring Security, so the answer
 * is present for REST requests; it is empty for work HAPI starts on its own (batch jobs,
 * subscriptions, start-up seeding), which the adapters treat as the system itself.
 */
public interface CurrentCaller {

	/** @param requestDetails HAPI's request, or null for internal work */
	Optional<Caller> of(RequestDetails requestDetails);
}
