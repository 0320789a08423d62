package io.fhirnotary.server.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notary capture through HTTP on PostgreSQL: one outbox row per committed version (creates,
 * updates, deletes, bundle entries, AuditEvents), none for a write that rolls back, and each leaf's
 * content hash equal to what a vread of the version returns.
 */
class NotaryCaptureIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	private StoredVersionLeaves storedVersions;

	@Test
	void createUpdateAndDeleteEachLeaveOneRowWithTheirOperation() {
		IdType id = (IdType) client.create().resource(patient("Capture")).execute().getId().toUnqualifiedVersionless();
		Patient stored = client.read().resource(Patient.class).withId(id).execute();
		stored.getNameFirstRep().setFamily("Captured");
		client.update().resource(stored).execute();
		client.delete().resourceById(id).execute();

		List<Map<String, Object>> rows = outboxRows("Patient", id.getIdPart());
		assertThat(rows).extracting(row -> row.get("version_id") + ":" + row.get("operation"))
				.containsExactly("1:create", "2:update", "3:delete");
		assertThat(rows).allSatisfy(row -> assertThat(row.get("leaf_hash").toString().trim()).hasSize(64));
		assertThat(versionsInHapi("Patient", id.getIdPart())).isEqualTo(3);
	}

	@Test
	void everyEntryOfATransactionAndOfABatchIsCapturedOnce() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUrn = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry().setFullUrl(patientUrn).setResource(patient("Transaction"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		for (int i = 0; i < 2; i++) {
			transaction.addEntry().setResource(observation(patientUrn))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		Bundle response = client.transaction().withBundle(transaction).execute();

		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().setResource(patient("BatchOne")).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		batch.addEntry().setResource(patient("BatchTwo")).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		Bundle batchResponse = client.transaction().withBundle(batch).execute();

		for (Bundle answered : List.of(response, batchResponse)) {
			assertThat(answered.getEntry()).allSatisfy(entry -> {
				IdType written = new IdType(entry.getResponse().getLocation());
				assertThat(written.getVersionIdPart()).isEqualTo("1");
				assertThat(outboxRows(written.getResourceType(), written.getIdPart()))
						.extracting(row -> row.get("version_id") + ":" + row.get("operation"))
						.containsExactly("1:create");
			});
		}
	}

	@Test
	void everyStoredVersionIncludingAuditEventsHasExactlyOneRow() {
		client.create().resource(patient("Invariant")).execute();

		// AuditEvents are stored in the write's transaction (and, for reads, in their own): each
		// committed version of any type has its row, and no version has two (unique constraint).
		assertThat(unnotarisedVersions()).isZero();
		Long auditEvents = jdbc.queryForObject("SELECT count(*) FROM fhirnotary_outbox WHERE resource_type = 'AuditEvent'",
				Long.class);
		assertThat(auditEvents).isPositive();
		// reads' AuditEvents are in the audit journal, each notarised as version 1 in its own batch's transaction
		Long unnotarisedJournalEvents = jdbc.queryForObject("SELECT count(*) FROM fhirnotary_audit_journal j WHERE NOT EXISTS "
				+ "(SELECT 1 FROM fhirnotary_outbox o WHERE o.resource_type = 'AuditEvent' AND o.resource_id = j.id "
				+ "AND o.version_id = '1')", Long.class);
		assertThat(unnotarisedJournalEvents).isZero();
	}

	/**
	 * {@code $meta-add} makes no version, so the first version its transaction stores is its
	 * AuditEvent's, written while the transaction is already committing: it is captured all the same.
	 */
	@Test
	void theAuditEventOfAMetaAddIsCapturedToo() {
		IdType id = (IdType) client.create().resource(patient("MetaAdd")).execute().getId().toUnqualifiedVersionless();
		Meta tag = new Meta();
		tag.addTag("http://example.org/tags", "reviewed-" + UUID.randomUUID(), null);

		client.meta().add().onResource(id).meta(tag).execute();

		assertThat(versionsInHapi("Patient", id.getIdPart())).as("no new version").isEqualTo(1);
		assertThat(unnotarisedVersions()).isZero();
	}

	@Test
	void aTransactionThatRollsBackLeavesNoRow() {
		String id = "rollback-" + UUID.randomUUID().toString().substring(0, 8);
		Patient patient = patient("Rollback");
		patient.setId(id);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + id);
		transaction.addEntry().setResource(observation("Patient/never-existed-" + id))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		long lastRowBefore = lastOutboxRow();

		assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
				.isInstanceOf(BaseServerResponseException.class)
				.satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isBetween(400, 499));

		assertThat(outboxRows("Patient", id)).isEmpty();
		assertThat(versionsInHapi("Patient", id)).isZero();
		// only the refusal's own AuditEvent may have been added meanwhile
		Long others = jdbc.queryForObject("SELECT count(*) FROM fhirnotary_outbox WHERE id > ? AND resource_type <> 'AuditEvent'",
				Long.class, lastRowBefore);
		assertThat(others).isZero();
	}

	@Test
	void eachLeafHashesExactlyWhatAVreadReturns() {
		long lastRowBefore = lastOutboxRow();
		Patient tagged = patient("Vread");
		// tags and profiles out of order: a read sorts them, the leaf must hash the sorted form
		tagged.getMeta().addTag("http://example.org/tags", "zeta", "Zeta");
		tagged.getMeta().addTag("http://example.org/tags", "alpha", "Alpha");
		tagged.getMeta().addProfile("http://example.org/StructureDefinition/z");
		tagged.getMeta().addProfile("http://example.org/StructureDefinition/a");
		IdType id = (IdType) client.create().resource(tagged).execute().getId().toUnqualifiedVersionless();
		Patient stored = client.read().resource(Patient.class).withId(id).execute();
		stored.addName().setFamily("Second").addGiven("Name");
		stored.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-01-02"));
		client.update().resource(stored).execute();

		assertThat(recomputedFromVread("Patient", id.getIdPart(), "1")).isTrue();
		assertThat(recomputedFromVread("Patient", id.getIdPart(), "2")).isTrue();

		// and for whatever else this test's requests wrote (their AuditEvents): only this test's rows,
		// since other tests on the shared database tamper with their versions on purpose
		List<Map<String, Object>> recent = jdbc.queryForList("SELECT resource_type, resource_id, version_id FROM fhirnotary_outbox "
				+ "WHERE operation <> 'delete' AND id > ? ORDER BY id DESC FETCH FIRST 15 ROWS ONLY", lastRowBefore);
		assertThat(recent).extracting(row -> row.get("resource_type")).contains("AuditEvent", "Patient");
		assertThat(recent).isNotEmpty().allSatisfy(row -> assertThat(recomputedFromVread(row.get("resource_type").toString(),
				row.get("resource_id").toString(), row.get("version_id").toString()))
				.as("leaf of %s/%s/_history/%s", row.get("resource_type"), row.get("resource_id"), row.get("version_id"))
				.isTrue());
	}

	/** Recomputes the leaf from the vread JSON and the stored salt; true when it is the captured one. */
	private boolean recomputedFromVread(String type, String id, String version) {
		RawHttp.Response vread = http.get(type + "/" + id + "/_history/" + version);
		if (vread.status() != 200) {
			return false; // e.g. a resource deleted since: the caller chose a non-delete row
		}
		Map<String, Object> row = jdbc.queryForMap("SELECT operation, leaf_hash FROM fhirnotary_outbox "
				+ "WHERE resource_type = ? AND resource_id = ? AND version_id = ?", type, id, version);
		NotarySalts.Lookup salt = storedVersions.salt(type, id, version);
		assertThat(salt.state()).as("salt of %s/%s/_history/%s", type, id, version).isEqualTo(NotarySalts.State.FOUND);
		NotaryLeaf leaf = NotaryLeaf.ofVersion(salt.salt(), type, id, version,
				Operation.ofWireName(row.get("operation").toString()), vread.body());
		return HexFormat.of().formatHex(leaf.leafHash()).equals(row.get("leaf_hash").toString().trim());
	}

	/** Committed versions of any type without their outbox row. */
	private long unnotarisedVersions() {
		return jdbc.queryForObject("SELECT count(*) FROM hfj_res_ver v JOIN hfj_resource r ON r.res_id = v.res_id "
				+ "WHERE NOT EXISTS (SELECT 1 FROM fhirnotary_outbox o WHERE o.resource_type = v.res_type "
				+ "AND o.resource_id = r.fhir_id AND o.version_id = CAST(v.res_ver AS VARCHAR))", Long.class);
	}

	private List<Map<String, Object>> outboxRows(String type, String id) {
		return jdbc.queryForList("SELECT version_id, operation, leaf_hash FROM fhirnotary_outbox WHERE resource_type = ? "
				+ "AND resource_id = ? ORDER BY CAST(version_id AS BIGINT)", type, id);
	}

	private long lastOutboxRow() {
		return jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM fhirnotary_outbox", Long.class);
	}

	private long versionsInHapi(String type, String id) {
		return jdbc.queryForObject("SELECT count(*) FROM hfj_res_ver v JOIN hfj_resource r ON r.res_id = v.res_id "
				+ "WHERE r.res_type = ? AND r.fhir_id = ?", Long.class, type, id);
	}

	static Patient patient(String family) {
		Patient patient = new Patient();
		patient.addName().setFamily(family).addGiven("Notary");
		patient.addIdentifier().setSystem("urn:example:notary-tests").setValue(UUID.randomUUID().toString());
		return patient;
	}

	static Observation observation(String subject) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		observation.setSubject(new Reference(subject));
		return observation;
	}
}
