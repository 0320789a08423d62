package io.fhirnotary.interceptors.audit;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;

/**
 * What a request did, as recorded in a RESTful AuditEvent: the {@code subtype} code from
 * {@code http://hl7.org/fhir/restful-interaction} and the R4 {@code action} code.
 *
 * <p>The {@code action} follows the R4 definitions: C create, R read (also reading stored versions
 * through history), U update (patch included), D delete, E execute (searches, operations, batches
 * and transactions — R4 defines E as "perform a query/search operation" or a system function). A
 * batch or transaction is one event of its own; the adapter records its entries as the
 * interactions they are.
 */
public enum AuditAction {
	CREATE("create", AuditEventAction.C, false),
	READ("read", AuditEventAction.R, false),
	VREAD("vread", AuditEventAction.R, false),
	UPDATE("update", AuditEventAction.U, false),
	PATCH("patch", AuditEventAction.U, false),
	DELETE("delete", AuditEventAction.D, false),
	/** A search at type level: {@code GET [base]/Observation?...}. */
	SEARCH_TYPE("search-type", AuditEventAction.E, true),
	/** A search across all types: {@code GET [base]?...}. */
	SEARCH_SYSTEM("search-system", AuditEventAction.E, true),
	/** Any other search, such as a compartment search ({@code GET [base]/Patient/p/Observation}). */
	SEARCH("search", AuditEventAction.E, true),
	HISTORY_INSTANCE("history-instance", AuditEventAction.R, true),
	HISTORY_TYPE("history-type", AuditEventAction.R, true),
	HISTORY_SYSTEM("history-system", AuditEventAction.R, true),
	/** An extended operation such as {@code $everything}; its name goes in {@link AuditRecord#operation()}. */
	OPERATION("operation", AuditEventAction.E, true),
	BATCH("batch", AuditEventAction.E, false),
	TRANSACTION("transaction", AuditEventAction.E, false);

	private final String interaction;
	private final AuditEventAction action;
	private final boolean query;

	AuditAction(String interaction, AuditEventAction action, boolean query) {
		this.interaction = interaction;
		this.action = action;
		this.query = query;
	}

	/** The code in {@code http://hl7.org/fhir/restful-interaction} (its display is the same text). */
	public String interaction() {
		return interaction;
	}

	/** The R4 {@code AuditEvent.action}. */
	public AuditEventAction action() {
		return action;
	}

	/** Whether the request selects resources by parameters, so the event carries a query entity. */
	public boolean isQuery() {
		return query;
	}
}
