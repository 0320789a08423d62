package io.fhirnotary.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every client error answers with the right status and an OperationOutcome, stores nothing,
 * and shows no stack trace.
 */
class BadInputIntegrationTests extends PostgresIntegrationTest {

	private static final String FHIR_JSON = "application/fhir+json";
	private static final String PATIENT = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Nobody\"}]}";

	@Test
	void malformedJsonIsRejectedWith400() {
		assertRejected(400, () -> http.send("POST", "Patient", FHIR_JSON, "{\"resourceType\":\"Patient\","));
	}

	@Test
	void malformedXmlIsRejectedWith400() {
		assertRejected(400, () -> http.send("POST", "Patient", "application/fhir+xml",
				"<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"x\"/></name>"));
	}

	@Test
	void bodyWithoutContentTypeIsRejectedWith415() {
		assertRejected(415, () -> http.send("POST", "Patient", null, PATIENT));
	}

	@Test
	void bodyWithNonFhirContentTypeIsRejectedWith415() {
		assertRejected(415, () -> http.send("POST", "Patient", "text/plain", PATIENT));
	}

	@Test
	void unknownResourceTypeIsRejectedWith404() {
		assertRejected(404, () -> http.send("POST", "Prescription", FHIR_JSON, "{\"resourceType\":\"Prescription\"}"));
		assertRejected(404, () -> http.get("Prescription/1"));
	}

	@Test
	void bodyOfAnotherTypeThanTheUrlIsRejectedWith400() {
		assertRejected(400, () -> http.send("POST", "Patient", FHIR_JSON,
				"{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}"));
	}

	@Test
	void updateWhoseBodyIdDiffersFromTheUrlIsRejectedWith400() {
		assertRejected(400, () -> http.send("PUT", "Patient/bad-input-a", FHIR_JSON,
				"{\"resourceType\":\"Patient\",\"id\":\"bad-input-b\"}"));
	}

	@Test
	void unknownSearchParameterIsRejectedWith400() {
		assertRejected(400, () -> http.get("MedicationRequest?no-such-parameter=1"));
	}

	@Test
	void unsupportedOperationIsRejected() {
		assertRejected(400, () -> http.send("POST", "Patient/$no-such-operation", FHIR_JSON,
				"{\"resourceType\":\"Parameters\"}"));
	}

	@Test
	void bodyOverTheLimitIsRejectedWith413BeforeReading() {
		byte[] body = oversizedPatient();
		assertRejected(413, () -> http.send("POST", "Patient", FHIR_JSON, body));
	}

	@Test
	void chunkedBodyOverTheLimitIsRejectedWith413() {
		byte[] body = oversizedPatient();
		// An input-stream publisher has no length, so the body goes out chunked.
		assertRejected(413, () -> http.send(HttpRequest.newBuilder(http.uri("Patient"))
				.header("Content-Type", FHIR_JSON)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))));
	}

	@Test
	void transactionWithOneInvalidEntryStoresNothingAtAll() {
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				  {"fullUrl":"urn:uuid:6f1f2c8e-1d7e-4c59-9a9e-0d7c1c1b0a01",
				   "resource":{"resourceType":"Patient","name":[{"family":"Atomic"}]},
				   "request":{"method":"POST","url":"Patient"}},
				  {"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
				   "medicationCodeableConcept":{"text":"x"},"subject":{"reference":"Patient/does-not-exist"}},
				   "request":{"method":"POST","url":"MedicationRequest"}}]}""";
		Response response = assertRejected(400, () -> http.send("POST", "", FHIR_JSON, transaction));
		assertThat(response.body()).contains("Patient/does-not-exist");
	}

	private Response assertRejected(int expectedStatus, Supplier<Response> request) {
		Response response = assertRejectedWithin4xx(request);
		assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
		return response;
	}

	private Response assertRejectedWithin4xx(Supplier<Response> request) {
		StoredCounts before = storedCounts();
		Response response = request.get();
		assertThat(response.status()).as(response.body()).isBetween(400, 499);
		assertThat(response.body()).contains("OperationOutcome");
		assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception:");
		assertThat(storedCounts()).isEqualTo(before);
		return response;
	}

	private static byte[] oversizedPatient() {
		String prefix = "{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">";
		String suffix = "</div>\"}}";
		byte[] padding = new byte[10 * 1024 * 1024 + 1];
		Arrays.fill(padding, (byte) 'a');
		byte[] body = new byte[prefix.length() + padding.length + suffix.length()];
		System.arraycopy(prefix.getBytes(StandardCharsets.UTF_8), 0, body, 0, prefix.length());
		System.arraycopy(padding, 0, body, prefix.length(), padding.length);
		System.arraycopy(suffix.getBytes(StandardCharsets.UTF_8), 0, body, prefix.length() + padding.length, suffix.length());
		return body;
	}
}
