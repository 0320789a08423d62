package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchParameterPolicyTests {

	@ParameterizedTest(name = "{0}={1} refused")
	@CsvSource({
		"_has:Observation:patient:code, 1234-5",
		"subject.name, smith",
		"subject:Patient.name, smith",
		"_summary, count",
		"_summary, 'true,count'",
		"_total, accurate",
		"_total, estimate",
		"_offset, 20",
		"_list, L1",
		"_query, mine",
		"_filter, status eq active",
		"_content, heart",
		"_text, heart",
		"_contained, true",
		"_sort, subject.name",
		"_sort, '-subject:Patient.birthdate'"
	})
	void refuses(String name, String value) {
		assertThat(SearchParameterPolicy.refusal(Map.of(name, new String[] {value}), false)).isPresent();
	}

	@ParameterizedTest(name = "{0}={1} allowed")
	@CsvSource({
		"subject, Patient/a",
		"subject:Patient, a",
		"code:not, 1234",
		"_summary, true",
		"_summary, data",
		"_total, none",
		"_sort, -_lastUpdated",
		"_include, MedicationRequest:subject",
		"_revinclude:iterate, MedicationDispense:prescription",
		"_count, 10",
		"_getpages, 1f2e",
		"_lastUpdated, gt2025-01-01"
	})
	void allows(String name, String value) {
		assertThat(SearchParameterPolicy.refusal(Map.of(name, new String[] {value}), false)).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void offsetIsHapisOwnPagingForInstanceHistory() {
		assertThat(SearchParameterPolicy.refusal(Map.of("_offset", new String[] {"20"}), true)).isEmpty();
	}
}
