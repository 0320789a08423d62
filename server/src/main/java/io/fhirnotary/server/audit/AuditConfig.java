package io.fhirnotary.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.fhirnotary.interceptors.audit.AuditSource;
import io.fhirnotary.interceptors.audit.BalpAuditEvents;
import io.fhirnotary.server.security.CurrentCaller;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.fhirnotary.interceptors.blindindex.BlindTokens;
import io.fhirnotary.server.audit.journal.AuditEventCapabilities;
import io.fhirnotary.server.audit.journal.AuditEventProvider;
import io.fhirnotary.server.audit.journal.AuditJournalWriter;
import io.fhirnotary.server.audit.journal.JournalEvents;
import io.fhirnotary.server.audit.journal.JournalNotary;
import io.fhirnotary.server.consent.AuditTrailAccess;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail of protected mode (issue 3, DESIGN §5): BALP AuditEvents for every REST request
 * and every consent decision, kept in the audit journal — those of writes in the write's own
 * transaction, those of reads, searches and refusals in batches of their own — and served, with
 * any AuditEvents custodian systems post (stored by HAPI), as one trail by
 * {@link AuditEventProvider}. Plain mode keeps HAPI as it comes.
 */
@Configuration
@ConditionalOnProperty(name = "fhirnotary.mode", havingValue = "protected", matchIfMissing = true)
public class AuditConfig {

	/** How the server names itself as the observer of its AuditEvents. */
	static final String OBSERVER = "fhir-notary";

	@Bean
	AuditTrailRecorder auditTrailRecorder() {
		return new AuditTrailRecorder(new BalpAuditEvents(AuditSource.named(OBSERVER)), Clock.systemUTC());
	}

	/** HAPI's bean that resolves references while indexing; ours extends it for AuditEvents. */
	static final String HAPI_LINK_RESOLVER_BEAN = "daoResourceLinkResolver";

	/** AuditEvents may name what no longer exists, or never did: see {@link AuditEventReferenceResolver}. */
	@Bean
	static BeanDefinitionRegistryPostProcessor auditEventReferenceResolverDefinition() {
		return new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				replace(registry, HAPI_LINK_RESOLVER_BEAN, AuditEventReferenceResolver.class);
			}

			@Override
			public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
		};
	}

	/** Puts our subclass in place of HAPI's bean of that name; fails start-up if HAPI renamed it. */
	private static RootBeanDefinition replace(BeanDefinitionRegistry registry, String hapiBean, Class<?> ours) {
		if (!registry.containsBeanDefinition(hapiBean)) {
			throw new IllegalStateException("HAPI's " + hapiBean + " bean is missing: has HAPI renamed it?");
		}
		registry.removeBeanDefinition(hapiBean);
		RootBeanDefinition definition = new RootBeanDefinition(ours);
		definition.setPrimary(true);
		registry.registerBeanDefinition(hapiBean, definition);
		return definition;
	}

	@Bean
	JournalEvents journalEvents(JdbcTemplate jdbc, VersionSecretKeys keys, FhirContext fhirContext) {
		return new JournalEvents(jdbc, keys, fhirContext);
	}

	/** The notary's capture when the notary is on; without it the journal is written alone. */
	@Bean
	AuditJournalWriter auditJournalWriter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			VersionSecretKeys keys, FhirContext fhirContext, BlindTokens tokens, ObjectProvider<JournalNotary> notary) {
		return new AuditJournalWriter(jdbc, new TransactionTemplate(transactionManager), keys, fhirContext, tokens,
				Optional.ofNullable(notary.getIfAvailable()), Clock.systemUTC());
	}

	/** Reads, searches and refusals: their events go to the audit journal, many per transaction. */
	@Bean(destroyMethod = "close")
	AuditQueue auditQueue(AuditJournalWriter journal, AuditTrailRecorder recorder) {
		return new AuditQueue(journal::append, recorder::eventsOf);
	}

	@Bean
	AuditEventProvider auditEventProvider(DaoRegistry daos, JournalEvents journal, AuditTrailAccess access, BlindTokens tokens) {
		return new AuditEventProvider(daos.getResourceDao(AuditEvent.class), journal, access, tokens);
	}

	@Bean
	InitializingBean auditHooksRegistration(
			IInterceptorService jpaInterceptors,
			RestfulServer fhirRestfulServer,
			CurrentCaller currentCaller,
			FhirContext fhirContext,
			AuditTrailRecorder recorder,
			AuditJournalWriter journal,
			AuditQueue queue,
			AuditEventProvider auditEvents,
			JdbcTemplate jdbc) {
		return () -> {
			replaceAuditEventProvider(fhirRestfulServer, auditEvents);
			jpaInterceptors.registerInterceptor(new AuditStorageHooks(currentCaller, fhirContext, recorder, journal));
			jpaInterceptors.registerInterceptor(new AuditEventDeleteConflicts(jdbc));
			fhirRestfulServer.registerInterceptor(new AuditServerHooks(currentCaller, fhirContext, recorder, queue));
			fhirRestfulServer.registerInterceptor(new AuditEventCapabilities());
		};
	}

	/** The AuditEvent endpoint serves HAPI's AuditEvents and the journal's: ours in place of HAPI's JPA provider. */
	private static void replaceAuditEventProvider(RestfulServer server, AuditEventProvider ours) {
		List<IResourceProvider> hapis = server.getResourceProviders().stream()
				.filter(provider -> provider.getResourceType() == AuditEvent.class).toList();
		if (hapis.size() != 1) {
			throw new IllegalStateException("Expected one AuditEvent resource provider to replace, found " + hapis.size());
		}
		server.unregisterProvider(hapis.get(0));
		server.registerProvider(ours);
	}
}
