package io.fhirnotary.terminology.valueset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class EnumeratedValueSetMembershipTests {

	private static final String SYSTEM = "http://example.org/cs";

	@Test
	void containsExactlyTheListedCodingsOfTheNamedValueSet() {
		ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs");
		valueSet.getCompose().addInclude().setSystem(SYSTEM).addConcept().setCode("a");
		EnumeratedValueSetMembership membership = new EnumeratedValueSetMembership(List.of(valueSet));

		assertThat(membership.contains("http://example.org/vs", SYSTEM, "a")).isTrue();
		assertThat(membership.contains("http://example.org/vs", SYSTEM, "b")).isFalse();
		assertThat(membership.contains("http://example.org/vs", "http://example.org/other", "a")).isFalse();
		assertThat(membership.contains("http://example.org/unknown", SYSTEM, "a")).isFalse();
		assertThat(membership.contains("http://example.org/vs", null, "a")).isFalse();
	}

	@Test
	void refusesValueSetsThatSelectCodesByFilter() {
		ValueSet filtered = new ValueSet().setUrl("http://example.org/filtered");
		filtered.getCompose().addInclude().setSystem(SYSTEM).addFilter().setProperty("concept").setValue("x");

		assertThatThrownBy(() -> new EnumeratedValueSetMembership(List.of(filtered)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("only enumerated value sets");
	}

	@Test
	void refusesValueSetsThatIncludeWholeSystems() {
		ValueSet wholeSystem = new ValueSet().setUrl("http://example.org/all");
		wholeSystem.getCompose().addInclude().setSystem(SYSTEM);

		assertThatThrownBy(() -> new EnumeratedValueSetMembership(List.of(wholeSystem)))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
