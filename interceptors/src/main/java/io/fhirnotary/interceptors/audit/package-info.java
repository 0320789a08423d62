/**
 * AuditEvents for every request and every consent decision (DESIGN §5 "Audit"), built as plain
 * FHIR R4 resources from plain inputs: no Spring, no HAPI server or JPA types. Storing them (in the
 * same transaction, encrypted and notarised like any resource) is the adapter's job.
 *
 * <p>Input: one {@link io.fhirnotary.interceptors.audit.AuditRecord} per request. Output:
 * {@link io.fhirnotary.interceptors.audit.BalpAuditEvents#forRequest}, i.e. the RESTful events
 * ({@link io.fhirnotary.interceptors.audit.RestAuditEventBuilder}), which also record the consent
 * permits that released their resources, and the consent-denial events
 * ({@link io.fhirnotary.interceptors.audit.DenialAuditEventBuilder}).
 *
 * <p>The events follow the shapes of IHE Basic Audit Log Patterns (BALP) — event types and
 * subtypes, agents, Patient entities of role 1, query entities of role 24, the {@code XrequestId}
 * entity — and validate against the FHIR R4 base AuditEvent. They do not claim BALP profiles in
 * {@code meta.profile}: BALP's REST profiles want network addresses and a server agent, and its
 * {@code AuthZconsent} profile one event per decision with no resource entities (a permit is
 * recorded on the RESTful event, a denial on an event of that shape that names the withheld
 * resources); these events keep
 * no network addresses and name the server as {@code source.observer} only.
 *
 * <p>What an event may contain: references ({@code Type/id[/_history/v]}), the client id, code
 * values, parameter names ({@link io.fhirnotary.interceptors.audit.QueryParameterNames}). Never
 * resource content, names, query values or tokens. Every event names at most one patient, because
 * every patient can read the events that name them.
 */
package io.fhirnotary.interceptors.audit;
