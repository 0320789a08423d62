package io.fhirnotary.server.notary;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.util.IMetaTagSorter;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.security.CurrentCaller;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The notary in protected mode (DESIGN §6, issue 5): capture on HAPI's JPA interceptor service, the
 * anchorer as a managed background service, and the auditor operations on the REST server. Plain
 * mode is HAPI as it comes: none of this exists (the tables do, unused).
 */
@Configuration
@ConditionalOnProperty(name = "fhirnotary.mode", havingValue = "protected", matchIfMissing = true)
public class NotaryConfig {

	@Bean
	VersionJson notaryVersionJson(FhirContext fhirContext, IMetaTagSorter metaTagSorter) {
		return new VersionJson(fhirContext, metaTagSorter);
	}

	@Bean
	NotaryCaptureHooks notaryCaptureHooks(IInterceptorService jpaInterceptors, JdbcTemplate jdbc, VersionJson versionJson) {
		NotaryCaptureHooks hooks = new NotaryCaptureHooks(jdbc, versionJson);
		// only here: the REST server's hooks are combined with these for REST requests
		jpaInterceptors.registerInterceptor(hooks);
		return hooks;
	}

	@Bean
	NotaryNodeLifecycle notaryNode(DataSource dataSource, NotaryProperties properties) {
		return new NotaryNodeLifecycle(dataSource, properties.chainSettings().orElse(null), properties.tickPeriod());
	}

	@Bean(destroyMethod = "close")
	NotaryChain notaryChain(NotaryProperties properties) {
		return new NotaryChain(properties.chainSettings().orElse(null));
	}

	@Bean
	StoredVersionLeaves storedVersionLeaves(DaoRegistry daos, JdbcTemplate jdbc, VersionJson versionJson) {
		return new StoredVersionLeaves(daos, jdbc, versionJson);
	}

	@Bean
	NotaryOperationProvider notaryOperations(CurrentCaller currentCaller, FhirContext fhirContext,
			StoredVersionLeaves leaves, NotaryChain chain, NotaryNodeLifecycle node, JdbcTemplate jdbc) {
		return new NotaryOperationProvider(new NotaryAccess(currentCaller, new PatientOfResource(fhirContext)), leaves,
				new NotaryVerification(jdbc, leaves, chain), chain, node, jdbc);
	}

	@Bean
	InitializingBean notaryOperationsRegistration(RestfulServer fhirRestfulServer, NotaryOperationProvider operations) {
		return () -> fhirRestfulServer.registerProvider(operations);
	}
}
