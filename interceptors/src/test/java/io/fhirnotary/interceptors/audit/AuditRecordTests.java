package io.fhirnotary.interceptors.audit;

import static io.fhirnotary.interceptors.audit.AuditFixtures.PATIENT_A;
import static io.fhirnotary.interceptors.audit.AuditFixtures.PHARMACIST;
import static io.fhirnotary.interceptors.audit.AuditFixtures.RX_A1;
import static io.fhirnotary.interceptors.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.junit.jupiter.api.Test;

class AuditRecordTests {

	@Test
	void keepsOnlyParameterNames() {
		AuditRecord record = record(AuditAction.SEARCH_TYPE, PHARMACIST, 200)
				.queryString("family=Smith")
				.queryParameterNames(List.of("birthdate", "name=Smith"))
				.build();

		assertThat(record.queryParameterNames()).containsExactly("birthdate", "family");
	}

	@Test
	void theCanonicalConstructorFiltersNamesToo() {
		AuditRecord record = new AuditRecord(AuditAction.SEARCH_TYPE, null, null, PHARMACIST, AuditOutcome.ofHttpStatus(200),
				AuditFixtures.WHEN, null, null, new TreeSet<>(List.of("family=Smith", "family")), null);

		assertThat(record.queryParameterNames()).containsExactly("family");
	}

	@Test
	void refusesMalformedTypesOperationsAndRequestIds() {
		assertThatThrownBy(() -> record(AuditAction.READ, PHARMACIST, 200).resourceType("observation").build())
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> record(AuditAction.OPERATION, PHARMACIST, 200).operation("everything").build())
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> record(AuditAction.READ, PHARMACIST, 200).operation("$everything").build())
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> record(AuditAction.READ, PHARMACIST, 200).requestId("a b").build())
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void patientsMustBePatients() {
		assertThatThrownBy(() -> record(AuditAction.READ, PHARMACIST, 200).patient(RX_A1).build())
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AuditedResource.of(RX_A1).inCompartmentOf(RX_A1))
				.isInstanceOf(IllegalArgumentException.class);
		assertThat(AuditedResource.of(RX_A1).inCompartmentOf(PATIENT_A).patient()).isEqualTo(PATIENT_A);
	}

	@Test
	void versionsAreIdsAndShowInTheReference() {
		assertThat(AuditedResource.of(RX_A1).reference()).isEqualTo("MedicationRequest/a1");
		assertThat(AuditedResource.of(RX_A1).withVersion("7").reference()).isEqualTo("MedicationRequest/a1/_history/7");
		assertThatThrownBy(() -> AuditedResource.of(RX_A1).withVersion("7/_history"))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void requiresWhatHappenedWhoAndWhen() {
		assertThatThrownBy(() -> AuditRecord.builder(null, PHARMACIST, AuditOutcome.ofHttpStatus(200), AuditFixtures.WHEN).build())
				.isInstanceOf(NullPointerException.class);
		assertThatThrownBy(() -> AuditRecord.builder(AuditAction.READ, null, AuditOutcome.ofHttpStatus(200), AuditFixtures.WHEN).build())
				.isInstanceOf(NullPointerException.class);
		assertThatThrownBy(() -> AuditRecord.builder(AuditAction.READ, PHARMACIST, null, AuditFixtures.WHEN).build())
				.isInstanceOf(NullPointerException.class);
		assertThatThrownBy(() -> AuditRecord.builder(AuditAction.READ, PHARMACIST, AuditOutcome.ofHttpStatus(200), null).build())
				.isInstanceOf(NullPointerException.class);
	}

	@Test
	void outcomesNeedARealStatusAndCode() {
		assertThatThrownBy(() -> AuditOutcome.ofHttpStatus(99)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AuditOutcome.ofHttpStatus(600)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new AuditOutcome(AuditEventOutcome.NULL, 200)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void sourceNeedsAName() {
		assertThatThrownBy(() -> AuditSource.named(" ")).isInstanceOf(IllegalArgumentException.class);
		assertThat(new AuditSource("fhir-notary", " ").site()).isNull();
	}
}
