package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.fhirnotary.interceptors.identity.Caller;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestCallersTests {

	private static Caller custodian(String scope) {
		return Caller.builder().clientId("ehr").custodian(true).scopes(scope).build();
	}

	@Test
	void onlyACustodianWithAnUnrestrictedSystemWildcardSeesEverything() {
		assertThat(RequestCallers.seesEverything(custodian("system/*.rs"))).isTrue();
		assertThat(RequestCallers.seesEverything(custodian("system/*.read"))).isTrue();
		assertThat(RequestCallers.seesEverything(custodian("system/Patient.rs system/Observation.rs"))).isFalse();
		assertThat(RequestCallers.seesEverything(custodian("system/*.rs?_security=R"))).isFalse();
		assertThat(RequestCallers.seesEverything(custodian("user/*.rs"))).isFalse();
		assertThat(RequestCallers.seesEverything(custodian("system/*.c"))).isFalse();
		assertThat(RequestCallers.seesEverything(Caller.builder().scopes("system/*.rs").build())).isFalse();
		assertThat(RequestCallers.seesEverything(
				Caller.builder().custodian(true).auditor(true).scopes("system/*.rs").build())).isFalse();
	}

	@Test
	void anHttpRequestWithoutACallerIsNobodyNeverTheSystem() {
		RequestCallers callers = new RequestCallers(request -> Optional.empty());
		Optional<Caller> nobody = callers.of(new ServletRequestDetails());
		assertThat(nobody).isPresent();
		assertThat(nobody.get().identities()).isEmpty();
		assertThat(nobody.get().scopes().resourceScopes()).isEmpty();
		assertThat(callers.of(new SystemRequestDetails())).isEmpty();
	}

	@Test
	void callersWhoSeeEverythingAreNotJudged() {
		Caller all = custodian("system/*.cruds");
		Caller narrow = custodian("system/Patient.rs");
		assertThat(new RequestCallers(request -> Optional.of(all)).judged(new ServletRequestDetails())).isEmpty();
		assertThat(new RequestCallers(request -> Optional.of(narrow)).judged(new ServletRequestDetails())).contains(narrow);
	}
}
