package io.fhirnotary.interceptors.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class InternalErrorMaskingInterceptorTests {

	private final InternalErrorMaskingInterceptor interceptor = new InternalErrorMaskingInterceptor();

	@Test
	void clientErrorsKeepTheirExplanation() {
		assertThat(interceptor.maskInternalErrors(new InvalidRequestException("bad parameter"))).isNull();
	}

	@Test
	void unexpectedErrorsLoseTheirMessageButGetAnIncidentId() {
		RuntimeException leak = new RuntimeException("wrap", new SQLException("duplicate key value (family)=(Chalmers)"));

		BaseServerResponseException masked = interceptor.maskInternalErrors(leak);

		assertThat(masked).isInstanceOf(InternalErrorException.class);
		assertThat(masked.getStatusCode()).isEqualTo(500);
		assertThat(masked.getMessage()).doesNotContain("Chalmers").containsPattern("incident [0-9a-f-]{36}");
	}

	@Test
	void internalErrorsRaisedByHapiAreMaskedToo() {
		BaseServerResponseException masked = interceptor.maskInternalErrors(new InternalErrorException("SELECT ... 'Chalmers'"));

		assertThat(masked.getMessage()).doesNotContain("Chalmers");
	}

	@Test
	void logsOnlyHapisMessageCodeOfAClientError() {
		assertThat(InternalErrorMaskingInterceptor.hapiCode("HAPI-0450: Failed to parse 'Chalmers'")).isEqualTo("HAPI-0450");
		assertThat(InternalErrorMaskingInterceptor.hapiCode("bad 'Chalmers'")).doesNotContain("Chalmers");
		assertThat(InternalErrorMaskingInterceptor.hapiCode(null)).isNotBlank();
	}

	@Test
	void summaryKeepsTypesAndFramesButNoMessages() {
		RuntimeException exception = new IllegalStateException("secret-one", new SQLException("secret-two"));

		String summary = ThrowableSummary.withoutMessages(exception);

		assertThat(summary).contains("java.lang.IllegalStateException", "Caused by: java.sql.SQLException", "\tat ")
				.doesNotContain("secret");
	}
}
