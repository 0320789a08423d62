package io.fhirnotary.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit writer looks up everything a batch of AuditEvents names in one query, so HAPI's
 * indexing need not look up each reference itself (one query, and one flush of the whole
 * session, per reference). Most references of an event carry a version; they must be resolved
 * too, and to the same database row as the versionless id.
 */
class AuditReferencePreResolverIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	private IIdHelperService<JpaPid> ids;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void versionedAndVersionlessReferencesResolveToTheirRowsAndMissingOnesAreMarkedMissing() {
		String patientId = client.create().resource(new Patient()).execute().getId().getIdPart();
		String organizationId = client.create().resource(new Organization()).execute().getId().getIdPart();
		String deletedId = client.create().resource(new Organization()).execute().getId().getIdPart();
		client.delete().resourceById("Organization", deletedId).execute();

		AuditEvent event = new AuditEvent();
		event.addEntity().setWhat(new Reference("Patient/" + patientId + "/_history/1"));
		event.addEntity().setWhat(new Reference("Organization/" + organizationId));
		event.addEntity().setWhat(new Reference("Organization/" + deletedId + "/_history/1"));
		event.addAgent().setWho(new Reference("Practitioner/never-stored-" + patientId));
		TransactionDetails transaction = new TransactionDetails();

		new TransactionTemplate(transactions).executeWithoutResult(
				status -> new AuditReferencePreResolver(ids, fhirContext()).resolveInto(List.of(event), transaction));

		assertThat(pid(transaction, "Patient/" + patientId)).isEqualTo(rowOf("Patient", patientId));
		assertThat(pid(transaction, "Patient/" + patientId + "/_history/1")).isEqualTo(rowOf("Patient", patientId));
		assertThat(pid(transaction, "Organization/" + organizationId)).isEqualTo(rowOf("Organization", organizationId));
		assertThat(transaction.hasNullResolvedResourceId(new IdType("Organization/" + deletedId))).isTrue();
		assertThat(transaction.hasNullResolvedResourceId(new IdType("Practitioner/never-stored-" + patientId))).isTrue();
	}

	private static Long pid(TransactionDetails transaction, String reference) {
		IResourcePersistentId<?> resolved = transaction.getResolvedResourceId(new IdType(reference));
		return resolved == null ? null : ((JpaPid) resolved).getId();
	}

	private Long rowOf(String type, String logicalId) {
		return jdbc.queryForObject(
				"SELECT res_id FROM hfj_resource WHERE res_type = ? AND fhir_id = ?", Long.class, type, logicalId);
	}
}
