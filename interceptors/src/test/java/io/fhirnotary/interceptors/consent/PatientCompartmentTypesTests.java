package io.fhirnotary.interceptors.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PatientCompartmentTypesTests {

	/** The list is written out so the decision needs no FhirContext; this keeps it honest. */
	@Test
	void listMatchesTheR4PatientCompartmentDefinitionHapiShips() {
		FhirContext r4 = FhirContext.forR4Cached();
		Set<String> members = new TreeSet<>();
		for (String type : r4.getResourceTypes()) {
			RuntimeResourceDefinition definition = r4.getResourceDefinition(type);
			if (!definition.getSearchParamsForCompartmentName("Patient").isEmpty()) {
				members.add(type);
			}
		}
		assertThat(new TreeSet<>(PatientCompartmentTypes.TYPES)).isEqualTo(members);
	}

	@Test
	void referenceDataTypesAreNotPatientData() {
		assertThat(PatientCompartmentTypes.contains("Organization")).isFalse();
		assertThat(PatientCompartmentTypes.contains("Practitioner")).isFalse();
		assertThat(PatientCompartmentTypes.contains("Medication")).isFalse();
		assertThat(PatientCompartmentTypes.contains("MedicationRequest")).isTrue();
		assertThat(PatientCompartmentTypes.contains("AuditEvent")).isTrue();
	}
}
