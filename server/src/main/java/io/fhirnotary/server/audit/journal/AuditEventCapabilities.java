package io.fhirnotary.server.audit.journal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

/**
 * Makes the CapabilityStatement describe the AuditEvent endpoint as {@link AuditEventProvider}
 * serves it. HAPI's statement lists AuditEvent's search parameters from its registry — every R4
 * parameter, with {@code _include} and {@code _revinclude} targets — and the interactions of the
 * provider's methods; most of those parameters answer 400 here, and nobody may update or delete an
 * AuditEvent. A client that plans its queries from the statement would build ones that fail.
 */
@Interceptor
public final class AuditEventCapabilities {

	/** Answered for nobody (write rules) or with 400 (the journal has no type-level history). */
	private static final Set<TypeRestfulInteraction> NOT_OFFERED = Set.of(
			TypeRestfulInteraction.UPDATE, TypeRestfulInteraction.PATCH, TypeRestfulInteraction.DELETE,
			TypeRestfulInteraction.HISTORYTYPE);

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void describeAuditTrail(IBaseConformance statement) {
		if (!(statement instanceof CapabilityStatement capabilities)) {
			return;
		}
		for (CapabilityStatementRestComponent rest : capabilities.getRest()) {
			for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
				if ("AuditEvent".equals(resource.getType())) {
					describe(resource);
				}
			}
		}
	}

	private static void describe(CapabilityStatementRestResourceComponent auditEvent) {
		auditEvent.getSearchParam().removeIf(parameter -> !AuditEventProvider.SEARCH_PARAMETERS.contains(parameter.getName()));
		auditEvent.getSearchInclude().clear();
		auditEvent.getSearchRevInclude().clear();
		auditEvent.getInteraction().removeIf(interaction -> NOT_OFFERED.contains(interaction.getCode()));
		auditEvent.setConditionalUpdate(false);
		auditEvent.setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
		auditEvent.setUpdateCreate(false);
	}
}
