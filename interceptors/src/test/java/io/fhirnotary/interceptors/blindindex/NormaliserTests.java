package io.fhirnotary.interceptors.blindindex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormaliserTests {

	@ParameterizedTest(name = "''{0}'' -> ''{1}''")
	@CsvSource({
		"555-123-4567,               5551234567",
		"'(555) 123 4567',           5551234567",
		"'  555.123.4567 ',          5551234567",
		"+1 555 123 4567,            +15551234567",
		"tel:+1-555-123-4567,        +15551234567",
		"Alice.Smith@Example.ORG,    alice.smith@example.org",
		"'mailto: Bob@example.org',  bob@example.org",
		"'  pager 12 ',              pager 12",
	})
	void telecomValuesThatAPersonCallsEqualHashEqual(String input, String expected) {
		assertThat(Normaliser.TELECOM.normalise(input)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "''{0}'' -> ''{1}''")
	@CsvSource({
		"Abe604,                 ABE604",
		"'  José   María ',      JOSE MARIA",
		"Müller-Lüdenscheidt,    MULLER-LUDENSCHEIDT",
		"'123 Main St\tApt 4',   123 MAIN ST APT 4",
	})
	void textIgnoresCaseAccentsAndSpacing(String input, String expected) {
		assertThat(Normaliser.TEXT.normalise(input)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "''{0}'' is a valid birth date query: {1}")
	@CsvSource({
		"1980-04-02,    true",
		"1980-04,       true",
		"1980,          true",
		"ge1980-04-02,  false",
		"lt1980,        false",
		"1980-04-02T10:00:00Z, false",
		"80-04-02,      false",
	})
	void birthDatesAreSearchedAsExactDatesOnly(String query, boolean valid) {
		assertThat(Normaliser.DATE.isValidQueryValue(query)).isEqualTo(valid);
	}

	@ParameterizedTest
	@CsvSource({"Abc", "abc", "' a b '"})
	void exactKeepsValuesAsHapiComparesThem(String value) {
		assertThat(Normaliser.EXACT.normalise(value)).isEqualTo(value);
	}
}
