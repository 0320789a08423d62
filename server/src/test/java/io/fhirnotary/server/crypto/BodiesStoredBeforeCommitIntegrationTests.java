package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ciphertexts a database transaction writes reach {@code fn_resource_body} in one batch just
 * before it commits ({@link BodyTable}), yet the transaction reads its own bodies as if each had
 * been stored at once, and a rollback stores none.
 */
class BodiesStoredBeforeCommitIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	private DaoRegistry daos;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void aTransactionReadsBodiesItHasNotStoredYetAndCommitsThemAll() {
		IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
		List<String> families = List.of(EncryptedBodiesIntegrationTests.secret(), EncryptedBodiesIntegrationTests.secret(), EncryptedBodiesIntegrationTests.secret());
		List<String> ids = new ArrayList<>();
		List<Long> rows = new ArrayList<>();

		long waitingBeforeTheRead = new TransactionTemplate(transactions).execute(status -> {
			for (String family : families) {
				Patient patient = new Patient();
				patient.addName().setFamily(family);
				DaoMethodOutcome created = patients.create(patient, new SystemRequestDetails());
				ids.add(created.getId().getIdPart());
				rows.add(((JpaPid) created.getPersistentId()).getId());
			}
			// on the transaction's own connection: bodies it had stored would be counted here
			long stored = bodyRowsOfDatabaseIds(rows);
			Patient readBack = patients.read(new IdType("Patient", ids.get(1)), new SystemRequestDetails());
			assertThat(readBack.getNameFirstRep().getFamily()).isEqualTo(families.get(1));
			assertThat(bodyRowsOfDatabaseIds(rows)).as("stored before the read").isEqualTo(3);
			return stored;
		});

		assertThat(waitingBeforeTheRead).as("bodies wait for the commit (or a read)").isZero();
		assertThat(bodyRowsOf(ids)).isEqualTo(3);
		for (int i = 0; i < ids.size(); i++) {
			assertThat(client.read().resource(Patient.class).withId(ids.get(i)).execute().getNameFirstRep().getFamily())
					.isEqualTo(families.get(i));
		}
	}

	@Test
	void aRolledBackTransactionStoresNoBody() {
		IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
		List<String> ids = new ArrayList<>();

		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			Patient patient = new Patient();
			patient.addName().setFamily(EncryptedBodiesIntegrationTests.secret());
			ids.add(patients.create(patient, new SystemRequestDetails()).getId().getIdPart());
			status.setRollbackOnly();
		});

		assertThat(ids).hasSize(1);
		assertThat(bodyRowsOf(ids)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ?",
						Long.class, ids.get(0)))
				.isZero();
	}

	@Test
	void aTransactionBundleStoresEveryBodyOnce() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		List<String> families = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			String family = EncryptedBodiesIntegrationTests.secret();
			families.add(family);
			Patient patient = new Patient();
			patient.addName().setFamily(family);
			transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient)
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		}

		Bundle response = client.transaction().withBundle(transaction).execute();

		List<String> ids = response.getEntry().stream()
				.map(entry -> new IdType(entry.getResponse().getLocation()).getIdPart())
				.toList();
		assertThat(ids).hasSize(25);
		assertThat(bodyRowsOf(ids)).isEqualTo(25);
		for (int i = 0; i < ids.size(); i += 6) {
			assertThat(client.read().resource(Patient.class).withId(ids.get(i)).execute().getNameFirstRep().getFamily())
					.isEqualTo(families.get(i));
		}
	}

	/**
	 * A delete stores no body of its own; its AuditEvent is written to the audit journal while the
	 * transaction is already committing, and must be there, readable, afterwards.
	 */
	@Test
	void theAuditEventOfADeleteIsStoredWithItsBody() {
		Patient patient = new Patient();
		patient.addName().setFamily(EncryptedBodiesIntegrationTests.secret());
		String id = client.create().resource(patient).execute().getId().getIdPart();

		client.delete().resourceById("Patient", id).execute();

		// the newest AuditEvents, decrypted: one whose body is missing or unreadable would fail the whole search
		Bundle newest = client.search().forResource(AuditEvent.class)
				.where(AuditEvent.DATE.afterOrEquals().second(Date.from(Instant.now().minusSeconds(300))))
				.sort().descending(AuditEvent.DATE)
				.count(50)
				.cacheControl(new CacheControlDirective().setNoCache(true))
				.returnBundle(Bundle.class)
				.execute();
		List<AuditEvent> ofTheDelete = newest.getEntry().stream()
				.map(entry -> (AuditEvent) entry.getResource())
				.filter(event -> event.getAction() == AuditEvent.AuditEventAction.D)
				.filter(event -> event.getEntity().stream()
						.anyMatch(entity -> entity.getWhat().hasReference()
								&& entity.getWhat().getReference().startsWith("Patient/" + id + "/")))
				.toList();
		assertThat(ofTheDelete).hasSize(1);
	}

	private long bodyRowsOfDatabaseIds(List<Long> resourceRows) {
		String placeholders = String.join(",", Collections.nCopies(resourceRows.size(), "?"));
		return jdbc.queryForObject("SELECT count(*) FROM fn_resource_body WHERE res_pid IN (" + placeholders + ")",
				Long.class, resourceRows.toArray());
	}

	private long bodyRowsOf(List<String> patientIds) {
		if (patientIds.isEmpty()) {
			return 0;
		}
		String placeholders = String.join(",", Collections.nCopies(patientIds.size(), "?"));
		return jdbc.queryForObject(
				"SELECT count(*) FROM fn_resource_body b JOIN hfj_resource r ON r.res_id = b.res_pid"
						+ " WHERE r.res_type = 'Patient' AND r.fhir_id IN (" + placeholders + ")",
				Long.class, patientIds.toArray());
	}
}
