package io.fhirnotary.interceptors.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QueryParameterNamesTests {

	@Test
	void keepsNamesSortedAndDistinctAndForgetsValues() {
		assertThat(QueryParameterNames.fromQueryString("family=Smith&birthdate=1970-01-01&family=Smyth&_count=10"))
				.containsExactly("_count", "birthdate", "family");
	}

	@Test
	void decodesNamesAndKeepsModifiersChainsAndReverseChains() {
		assertThat(QueryParameterNames.fromQueryString(
				"code%3Atext=insulin&subject:Patient.name=Smith&_has:Observation:patient:code=1234-5&_include=MedicationRequest:patient"))
				.containsExactly("_has:Observation:patient:code", "_include", "code:text", "subject:Patient.name");
	}

	@Test
	void keepsANameGivenWithoutValue() {
		assertThat(QueryParameterNames.fromQueryString("_summary&patient=A")).containsExactly("_summary", "patient");
	}

	@Test
	void dropsNamesThatCouldCarryAValue() {
		assertThat(QueryParameterNames.fromQueryString(
				"name%3DSmith=x&John+Smith=1&given%20name=2&%E2%9C%93=3&bad%zz=4&=5&patient=A"))
				.containsExactly("patient");
	}

	@Test
	void dropsOverlongNames() {
		String longName = "a".repeat(101);
		assertThat(QueryParameterNames.fromQueryString(longName + "=1&" + "b".repeat(100) + "=2"))
				.containsExactly("b".repeat(100));
	}

	@Test
	void nothingForNoQuery() {
		assertThat(QueryParameterNames.fromQueryString(null)).isEmpty();
		assertThat(QueryParameterNames.fromQueryString(" ")).isEmpty();
		assertThat(QueryParameterNames.of(null)).isEmpty();
	}

	@Test
	void filtersAlreadyDecodedNames() {
		assertThat(QueryParameterNames.of(Arrays.asList("patient", "code=123", null, "status")))
				.containsExactly("patient", "status");
	}

	@Test
	void rendersNamesJoinedWithAmpersand() {
		assertThat(QueryParameterNames.render(QueryParameterNames.fromQueryString("b=1&a=2"))).isEqualTo("a&b");
	}
}
