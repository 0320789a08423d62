package io.fhirnotary.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;

/**
 * Makes the CapabilityStatement say what the server does. HAPI serves batch bundles through the
 * same system method as transactions but only declares {@code transaction}; clients that read
 * the statement before sending a batch would wrongly conclude it is unsupported.
 */
@Interceptor
public class CapabilityStatementCustomizer {

	private final String softwareName;
	private final String softwareVersion;

	public CapabilityStatementCustomizer(String softwareName, String softwareVersion) {
		this.softwareName = softwareName;
		this.softwareVersion = softwareVersion;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void customize(IBaseConformance statement) {
		if (!(statement instanceof CapabilityStatement capabilities)) {
			return;
		}
		capabilities.getSoftware().setName(softwareName).setVersion(softwareVersion);
		for (CapabilityStatementRestComponent rest : capabilities.getRest()) {
			boolean transaction = rest.getInteraction().stream()
					.anyMatch(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION);
			boolean batch = rest.getInteraction().stream()
					.anyMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH);
			if (transaction && !batch) {
				rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
			}
		}
	}
}
