package io.fhirnotary.server.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.server.consent.PatientOfResource;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class JournalEntryTests {

	private static final PatientOfResource PATIENT_OF = new PatientOfResource(FhirContext.forR4Cached());

	@Test
	void columnsHoldUnversionedReferencesAndBlindedCodesBetweenSpaces() {
		AuditEvent event = new AuditEvent()
				.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "rest", null))
				.setAction(AuditEvent.AuditEventAction.R)
				.setOutcome(AuditEvent.AuditEventOutcome._0)
				.setRecorded(new Date(1_700_000_000_000L));
		event.setId("AuditEvent/j" + "1".repeat(32));
		event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "search-type", null));
		event.addSubtype(new Coding(null, "AuthZ-Consent", null));
		event.addAgent().setWho(new Reference("Practitioner/dr-1"));
		event.addAgent().setWho(new Reference().setDisplay("no reference"));
		event.addEntity().setWhat(new Reference("Patient/p1"));
		event.addEntity().setWhat(new Reference("MedicationRequest/m1/_history/3"));
		event.addEntity().setQuery("family".getBytes());

		event.getMeta().addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "ETREAT", null));

		JournalEntry entry = JournalEntry.of(event, PATIENT_OF, code -> "hmac:" + code.length());

		assertThat(entry.id()).isEqualTo("j" + "1".repeat(32));
		assertThat(entry.recordedMillis()).isEqualTo(1_700_000_000_000L);
		assertThat(entry.patients()).containsExactly("Patient/p1");
		assertThat(entry.type()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM|hmac:4");
		assertThat(entry.subtypes()).containsExactly("http://hl7.org/fhir/restful-interaction|hmac:11", "|hmac:13");
		assertThat(entry.action()).isEqualTo("|hmac:1");
		assertThat(entry.security()).containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActReason|ETREAT");
		assertThat(entry.agents()).containsExactly("Practitioner/dr-1");
		assertThat(entry.entities()).containsExactly("Patient/p1", "MedicationRequest/m1");
		assertThat(JournalEntry.column(entry.entities())).isEqualTo(" Patient/p1 MedicationRequest/m1 ");
	}

	@Test
	void aValueWithWhiteSpaceIsLeftOutOfAColumnAndAnEmptyColumnIsOneSpace() {
		assertThat(JournalEntry.column(List.of("a b", "c"))).isEqualTo(" c ");
		assertThat(JournalEntry.column(List.of())).isEqualTo(" ");
		assertThat(JournalEntry.token(new Coding("http://x y", "code", null), code -> code)).isEmpty();
		assertThat(JournalEntry.token(new Coding("http://x", null, null), code -> code)).isEmpty();
	}

	@Test
	void aQueryThatCannotMatchSaysSo() {
		assertThat(JournalQuery.builder().build().matchesNothing()).isFalse();
		assertThat(JournalQuery.builder().aboutOneOf(Set.of()).build().matchesNothing()).isTrue();
		assertThat(JournalQuery.builder().ids(Set.of()).build().matchesNothing()).isTrue();
		assertThat(JournalQuery.builder().recordedFrom(10).recordedBefore(10).build().matchesNothing()).isTrue();
		assertThat(JournalQuery.builder().match(JournalQuery.Column.TYPE, List.of()).build().matchesNothing()).isTrue();
	}

	@Test
	void journalIdsAreRecognisedAndNeverLookLikeHapisIds() {
		String id = JournalIds.next(System.currentTimeMillis());
		assertThat(JournalIds.isJournalId(id)).isTrue();
		assertThat(id).hasSize(33).startsWith("j");
		assertThat(JournalIds.isJournalId("123")).isFalse();
		assertThat(JournalIds.isJournalId("j123")).isFalse();
		assertThat(JournalIds.next(1000)).isNotEqualTo(JournalIds.next(1000));
	}
}
