package io.fhirnotary.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import ca.uhn.fhir.jpa.util.MemoryCacheService.CacheEnum;
import ca.uhn.fhir.jpa.util.MemoryCacheService.ForcedIdCacheKey;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HAPI pre-caches the id of every resource it creates; the AuditEvents of the audit trail are left
 * out (they are written hundreds a second and not looked up soon after), every other type keeps
 * HAPI's caching, and an AuditEvent is still read by its id.
 */
class AuditEventIdsUncachedIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	private MemoryCacheService caches;

	@Test
	void aNewPatientsIdIsCachedButTheAuditEventsOfItsCreateAreNotAndStillReadById() {
		long before = newestAuditEventRow();
		String patientId = client.create().resource(new Patient()).execute().getId().getIdPart();
		List<String> auditEventIds = jdbc.queryForList(
				"SELECT fhir_id FROM hfj_resource WHERE res_type = 'AuditEvent' AND res_id > ?", String.class, before);

		// the same key shape finds the Patient, so its absence for the AuditEvents means something
		assertThat(cached("Patient", patientId)).isTrue();
		assertThat(auditEventIds).isNotEmpty();
		for (String auditEventId : auditEventIds) {
			assertThat(cached("AuditEvent", auditEventId)).as("AuditEvent/%s cached", auditEventId).isFalse();
			AuditEvent read = client.read().resource(AuditEvent.class).withId(auditEventId).execute();
			assertThat(read.getIdElement().getIdPart()).isEqualTo(auditEventId);
		}
	}

	private boolean cached(String type, String id) {
		// HAPI keys its lookups by the partition the request was given, which varies by path
		for (RequestPartitionId partition : List.of(
				RequestPartitionId.defaultPartition(), RequestPartitionId.allPartitions(), RequestPartitionId.fromPartitionId(null))) {
			if (caches.getIfPresent(CacheEnum.RESOURCE_LOOKUP_BY_FORCED_ID, new ForcedIdCacheKey(type, id, partition)) != null) {
				return true;
			}
		}
		return false;
	}

	private long newestAuditEventRow() {
		Long newest = jdbc.queryForObject("SELECT max(res_id) FROM hfj_resource WHERE res_type = 'AuditEvent'", Long.class);
		return newest == null ? 0 : newest;
	}
}
