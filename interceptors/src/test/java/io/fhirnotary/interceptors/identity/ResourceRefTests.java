package io.fhirnotary.interceptors.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceRefTests {

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource(nullValues = "null", value = {
		"Patient/123,                                   Patient/123",
		"' Practitioner/abc ',                          Practitioner/abc",
		"Organization/pharm-1.a,                        Organization/pharm-1.a",
		"MedicationRequest/a1/_history/3,               MedicationRequest/a1",
		"https://elsewhere.example/fhir/Patient/123,    null",
		"#contained,                                    null",
		"urn:uuid:0b6b4bd4-5f0b-4b6e-9b5c-1a7d3c3c9f11, null",
		"patient/123,                                   null",
		"Patient/,                                      null",
		"Patient,                                       null",
		"Patient/123/_history,                          null",
		"Patient/123/extra,                             null",
		"Patient/has space,                             null",
		"'',                                            null",
		"null,                                          null",
	})
	void parsesOnlyLocalReferences(String input, String expected) {
		assertThat(ResourceRef.parse(input).map(ResourceRef::toString).orElse(null)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "''{0}'' against base ''{1}'' -> {2}")
	@CsvSource(nullValues = "null", value = {
		"https://notary.example/fhir/Practitioner/abc, https://notary.example/fhir,  Practitioner/abc",
		"https://notary.example/fhir/Practitioner/abc, https://notary.example/fhir/, Practitioner/abc",
		"https://other.example/fhir/Practitioner/abc,  https://notary.example/fhir,  null",
		"Practitioner/abc,                             https://notary.example/fhir,  Practitioner/abc",
		"https://notary.example/fhir/Practitioner/abc, null,                         null",
	})
	void stripsOnlyThisServersBase(String input, String base, String expected) {
		assertThat(ResourceRef.parse(input, base).map(ResourceRef::toString).orElse(null)).isEqualTo(expected);
	}

	@Test
	void refusesToBeBuiltFromSomethingElse() {
		assertThatThrownBy(() -> new ResourceRef("patient", "1")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ResourceRef("Patient", "a/b")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ResourceRef("Patient", "x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void equalityIgnoresHowTheReferenceWasWritten() {
		assertThat(ResourceRef.parse("Patient/1/_history/2")).isEqualTo(ResourceRef.parse("Patient/1"));
	}
}
