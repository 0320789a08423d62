package io.fhirnotary.interceptors.audit;

import java.util.Set;

/**
 * The AuditEvent search parameters a protected server indexes: the ones the audit trail is looked
 * up by — whom it is about ({@code patient}), what was touched ({@code entity}), who acted
 * ({@code agent}, {@code source}), when ({@code date}), what kind of event and how it ended
 * ({@code type}, {@code subtype}, {@code action}, {@code outcome}), plus the resource-level
 * parameters ({@code _id}, {@code _lastUpdated}, {@code _security} for emergency access, ...).
 *
 * <p>The rest of R4's AuditEvent parameters are not indexed: {@code entity-type},
 * {@code entity-role}, {@code agent-role}, {@code site}, {@code altid}, {@code policy} and the
 * string parameters {@code address}, {@code agent-name}, {@code entity-name}. Every read stores an
 * AuditEvent, and these were most of its index rows (a blinded token row per entity type and role,
 * each under five database indexes: 13 token rows per pull's event before, under 5 now) for
 * searches the trail is not made for: the events this server writes always carry the same few
 * entity types and roles. The pull benchmark did not move measurably with them gone
 * (docs/BENCHMARKS.md); the rows are still work nobody asked for.
 */
public final class AuditEventSearchParameters {

	private static final Set<String> UNINDEXED = Set.of(
			"entity-type", "entity-role", "agent-role", "site", "altid", "policy", "address", "agent-name", "entity-name");

	private AuditEventSearchParameters() {}

	/** True for an AuditEvent parameter that protected mode neither indexes nor searches. */
	public static boolean isUnindexed(String resourceType, String paramName) {
		return "AuditEvent".equals(resourceType) && UNINDEXED.contains(paramName);
	}
}
