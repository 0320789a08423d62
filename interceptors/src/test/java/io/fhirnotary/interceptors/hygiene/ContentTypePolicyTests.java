package io.fhirnotary.interceptors.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypePolicyTests {

	@ParameterizedTest(name = "{0} {1} search/op={2} ''{3}'' body={4} -> accepted={5}")
	@CsvSource(nullValues = "null", value = {
		// reads never carry a body worth checking
		"GET,    Patient, false, null,                              false, true",
		"DELETE, Patient, false, null,                              false, true",
		// FHIR and plain JSON/XML are accepted, parameters and case ignored
		"POST,   Patient, false, application/fhir+json,             true,  true",
		"POST,   Patient, false, application/fhir+json; charset=UTF-8, true, true",
		"PUT,    Patient, false, APPLICATION/JSON,                  true,  true",
		"POST,   Patient, false, application/fhir+xml,              true,  true",
		"POST,   null,    false, application/fhir+json,             true,  true",
		// a body without a content type, or with a foreign one, is refused
		"POST,   Patient, false, null,                              true,  false",
		"PUT,    Patient, false, '  ',                              true,  false",
		"POST,   Patient, false, text/plain,                        true,  false",
		"POST,   null,    false, application/octet-stream,          true,  false",
		// no body, nothing to parse
		"POST,   Patient, true,  null,                              false, true",
		// forms only for searches and operations
		"POST,   Patient, true,  application/x-www-form-urlencoded, true,  true",
		"POST,   Patient, false, application/x-www-form-urlencoded, true,  false",
		// patches in their own formats, only on PATCH
		"PATCH,  Patient, false, application/json-patch+json,       true,  true",
		"POST,   Patient, false, application/json-patch+json,       true,  false",
		// Binary takes raw content of any type
		"POST,   Binary,  false, image/png,                         true,  true",
	})
	void decidesWhichBodiesAreAccepted(
			String method, String resource, boolean searchOrOperation, String contentType, boolean body, boolean accepted) {
		assertThat(ContentTypePolicy.refusal(method, resource, searchOrOperation, contentType, body).isEmpty())
				.isEqualTo(accepted);
	}

	@ParameterizedTest
	@CsvSource({"text/plain,text/plain", "'Application/FHIR+JSON ; charset=utf-8',application/fhir+json"})
	void mediaTypeDropsParametersAndCase(String header, String expected) {
		assertThat(ContentTypePolicy.mediaType(header)).isEqualTo(expected);
	}

	@org.junit.jupiter.api.Test
	void refusalNamesAtMostSixtyFourCharactersOfTheClientsType() {
		String longType = "application/" + "x".repeat(200);
		String reason = ContentTypePolicy.refusal("POST", "Patient", false, longType, true).orElseThrow();
		assertThat(reason).doesNotContain("x".repeat(65)).contains("application/fhir+json");
	}
}
