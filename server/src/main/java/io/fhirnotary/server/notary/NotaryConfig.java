package io.fhirnotary.server.notary;

import jakarta.persistence.EntityManagerFactory;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.util.IMetaTagSorter;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import io.fhirnotary.server.security.CurrentCaller;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import io.fhirnotary.server.audit.journal.JournalEvents;
import io.fhirnotary.server.audit.journal.JournalNotary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notary in protected mode (DESIGN §6, issue 5): capture on HAPI's JPA interceptor service, the
 * anchorer and the re-verification as managed background services, and the auditor operations on
 * the REST server. Plain mode is HAPI as it comes, and {@code fhirnotary.notary.enabled=false}
 * (benchmarks) leaves protected mode without a notary: none of this exists (the tables do, unused).
 */
@Configuration
@Conditional(NotaryEnabledCondition.class)
public class NotaryConfig {

	/** Versions re-verified per page (one outbox query, one progress line in the log). */
	private static final int REVERIFY_PAGE = 500;

	@Bean
	VersionJson notaryVersionJson(FhirContext fhirContext, IMetaTagSorter metaTagSorter) {
		return new VersionJson(fhirContext, metaTagSorter);
	}

	@Bean
	NotaryCaptureHooks notaryCaptureHooks(IInterceptorService jpaInterceptors, JdbcTemplate jdbc,
			EntityManagerFactory entityManagers, VersionJson versionJson, VersionSecretKeys keys) {
		NotaryCaptureHooks hooks = new NotaryCaptureHooks(jdbc, entityManagers, versionJson, keys);
		// only here: the REST server's hooks are combined with these for REST requests
		jpaInterceptors.registerInterceptor(hooks);
		return hooks;
	}

	/** Before anything is served: V30's clear salts (if any) are sealed and removed. */
	@Bean
	InitializingBean notaryLegacySaltSealing(JdbcTemplate jdbc, VersionSecretKeys keys, PlatformTransactionManager transactions) {
		return () -> new LegacySaltSealing(jdbc, keys, new TransactionTemplate(transactions)).sealAll();
	}

	@Bean
	NotaryNodeLifecycle notaryNode(DataSource dataSource, NotaryProperties properties) {
		return new NotaryNodeLifecycle(dataSource, properties.chainSettings().orElse(null), properties.tickPeriod());
	}

	@Bean(destroyMethod = "close")
	NotaryChain notaryChain(NotaryProperties properties) {
		return new NotaryChain(properties.chainSettings().orElse(null));
	}

	/** The audit journal's events are notarised like resource versions. */
	@Bean
	JournalNotary journalNotary() {
		return new JournalCapture();
	}

	@Bean
	StoredVersionLeaves storedVersionLeaves(DaoRegistry daos, JournalEvents journal, JdbcTemplate jdbc, VersionJson versionJson,
			VersionSecretKeys keys) {
		return new StoredVersionLeaves(daos, journal, jdbc, versionJson, keys);
	}

	@Bean
	ReverificationJob notaryReverification(DataSource dataSource, NotaryChain chain, StoredVersionLeaves leaves,
			MeterRegistry meters) {
		return new ReverificationJob(dataSource, chain, leaves, new ReverificationMetrics(meters), REVERIFY_PAGE);
	}

	@Bean
	ReverificationSchedule notaryReverificationSchedule(ReverificationJob job, NotaryProperties properties) {
		return new ReverificationSchedule(job, properties.reverifyInterval());
	}

	@Bean
	NotaryOperationProvider notaryOperations(CurrentCaller currentCaller, FhirContext fhirContext,
			StoredVersionLeaves leaves, NotaryChain chain, NotaryNodeLifecycle node, JdbcTemplate jdbc,
			ReverificationJob reverification) {
		return new NotaryOperationProvider(new NotaryAccess(currentCaller, new PatientOfResource(fhirContext)), leaves,
				new NotaryVerification(jdbc, leaves, chain), chain, node, jdbc, reverification);
	}

	@Bean
	InitializingBean notaryOperationsRegistration(RestfulServer fhirRestfulServer, NotaryOperationProvider operations) {
		return () -> fhirRestfulServer.registerProvider(operations);
	}
}
