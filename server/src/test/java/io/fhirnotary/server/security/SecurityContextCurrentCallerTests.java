package io.fhirnotary.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ContextLevel;
import io.fhirnotary.interceptors.identity.ResourceRef;
import io.fhirnotary.interceptors.identity.TrustedClients;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class SecurityContextCurrentCallerTests {

	private final SecurityContextCurrentCaller callers =
			new SecurityContextCurrentCaller(new TrustedClients(Set.of("custodian"), Set.of("auditor")));

	@AfterEach
	void forgetAuthentication() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void theSameTokenOnALaterRequestGivesTheCallerBuiltForTheFirst() {
		Jwt token = token("t1", "pharmacy-app", "http://a.example/fhir/Organization/pharmacy-1");

		Caller first = callerOf(token, "a.example");
		Caller second = callerOf(token, "a.example");

		assertThat(second).isSameAs(first);
		assertThat(first.clientId()).isEqualTo("pharmacy-app");
		assertThat(first.fhirUser()).isEqualTo(new ResourceRef("Organization", "pharmacy-1"));
		assertThat(first.scopes().allowsSeeing(ContextLevel.USER, "MedicationRequest")).isTrue();
	}

	@Test
	void anotherTokenIsReadFromItsOwnClaims() {
		Caller pharmacy = callerOf(token("t1", "pharmacy-app", "Organization/pharmacy-1"), "a.example");
		Caller custodian = callerOf(token("t2", "custodian", "Organization/hospital"), "a.example");

		assertThat(custodian.clientId()).isEqualTo("custodian");
		assertThat(custodian.custodian()).isTrue();
		assertThat(custodian.fhirUser()).isEqualTo(new ResourceRef("Organization", "hospital"));
		assertThat(pharmacy.custodian()).isFalse();
	}

	@Test
	void theSameTokenAtAnotherBaseUrlIsReadAgainBecauseAbsoluteReferencesResolveAgainstIt() {
		Jwt token = token("t1", "pharmacy-app", "http://a.example/fhir/Organization/pharmacy-1");

		Caller atA = callerOf(token, "a.example");
		Caller atB = callerOf(token, "b.example");

		assertThat(atA.fhirUser()).isEqualTo(new ResourceRef("Organization", "pharmacy-1"));
		// a URL on another server names nobody here: fail closed
		assertThat(atB.fhirUser()).isNull();
	}

	private Caller callerOf(Jwt token, String host) {
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token, List.of()));
		MockHttpServletRequest servlet = new MockHttpServletRequest("GET", "/fhir/MedicationRequest");
		servlet.setServerName(host);
		servlet.setServerPort(80);
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(servlet);
		return callers.of(request).orElseThrow();
	}

	private static Jwt token(String value, String clientId, String fhirUser) {
		return Jwt.withTokenValue(value)
				.header("alg", "ES256")
				.claim("client_id", clientId)
				.claim("fhirUser", fhirUser)
				.claim("scope", "user/MedicationRequest.rs")
				.build();
	}
}
