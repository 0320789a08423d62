package io.fhirnotary.interceptors.audit;

import static io.fhirnotary.interceptors.audit.AuditFixtures.PHARMACIST;
import static io.fhirnotary.interceptors.audit.AuditFixtures.SOURCE;
import static io.fhirnotary.interceptors.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditActionTests {

	/** action → restful-interaction code and R4 action code, written out rather than derived. */
	private static final Map<AuditAction, List<String>> EXPECTED = Map.ofEntries(
			Map.entry(AuditAction.CREATE, List.of("create", "C")),
			Map.entry(AuditAction.READ, List.of("read", "R")),
			Map.entry(AuditAction.VREAD, List.of("vread", "R")),
			Map.entry(AuditAction.UPDATE, List.of("update", "U")),
			Map.entry(AuditAction.PATCH, List.of("patch", "U")),
			Map.entry(AuditAction.DELETE, List.of("delete", "D")),
			Map.entry(AuditAction.SEARCH_TYPE, List.of("search-type", "E")),
			Map.entry(AuditAction.SEARCH_SYSTEM, List.of("search-system", "E")),
			Map.entry(AuditAction.SEARCH, List.of("search", "E")),
			Map.entry(AuditAction.HISTORY_INSTANCE, List.of("history-instance", "R")),
			Map.entry(AuditAction.HISTORY_TYPE, List.of("history-type", "R")),
			Map.entry(AuditAction.HISTORY_SYSTEM, List.of("history-system", "R")),
			Map.entry(AuditAction.OPERATION, List.of("operation", "E")),
			Map.entry(AuditAction.BATCH, List.of("batch", "E")),
			Map.entry(AuditAction.TRANSACTION, List.of("transaction", "E")));

	@ParameterizedTest
	@EnumSource(AuditAction.class)
	void everyActionIsARestfulOperationWithItsInteractionAndActionCode(AuditAction action) {
		assertThat(EXPECTED).as("expected codes written down for %s", action).containsKey(action);

		List<AuditEvent> events = new RestAuditEventBuilder(SOURCE).build(record(action, PHARMACIST, 200).build());

		assertThat(events).hasSize(1);
		AuditEvent event = events.get(0);
		assertThat(event.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
		assertThat(event.getType().getCode()).isEqualTo("rest");
		assertThat(event.getSubtype()).singleElement().satisfies(subtype -> {
			assertThat(subtype.getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
			assertThat(subtype.getCode()).isEqualTo(EXPECTED.get(action).get(0));
		});
		assertThat(event.getAction().toCode()).isEqualTo(EXPECTED.get(action).get(1));
	}

	@ParameterizedTest
	@EnumSource(value = AuditAction.class, names = {"SEARCH_TYPE", "SEARCH_SYSTEM", "SEARCH", "HISTORY_INSTANCE",
			"HISTORY_TYPE", "HISTORY_SYSTEM", "OPERATION"})
	void queriesCarryAQueryEntity(AuditAction action) {
		AuditEvent event = new RestAuditEventBuilder(SOURCE).build(record(action, PHARMACIST, 200).build()).get(0);

		assertThat(AuditFixtures.entitiesWithRole(event, "24")).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(value = AuditAction.class, names = {"CREATE", "READ", "VREAD", "UPDATE", "PATCH", "DELETE", "BATCH",
			"TRANSACTION"})
	void otherActionsWithoutParametersCarryNoQueryEntity(AuditAction action) {
		AuditEvent event = new RestAuditEventBuilder(SOURCE).build(record(action, PHARMACIST, 200).build()).get(0);

		assertThat(AuditFixtures.entitiesWithRole(event, "24")).isEmpty();
	}
}
