package io.fhirnotary.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.fhirnotary.interceptors.consent.ConsentDecider;
import io.fhirnotary.server.config.FhirNotaryProperties;
import io.fhirnotary.server.config.ServerMode;
import io.fhirnotary.server.security.CurrentCaller;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Consent on every read surface and the write rules, in protected mode only; plain mode is HAPI as
 * it comes (nothing here is registered).
 *
 * <p>Where each piece is registered, and why:
 * <ul>
 *   <li>HAPI's {@link ConsentInterceptor} (with {@link ConsentServiceAdapter}) and
 *       {@link WriteRulesInterceptor}: on the JPA {@link IInterceptorService}. Their storage
 *       pointcuts fire for every path into the DAOs. The REST server keeps its own interceptor
 *       service and HAPI calls both for REST requests, so registering them on the REST server too
 *       would run every hook twice.</li>
 *   <li>{@link SearchSurfaceGuard}, {@link InstanceAccessGuard}, {@link BundleEntryGuard},
 *       {@link ResponseBundleGuard}, {@link DecisionAuditBridge}: on the REST server's interceptor
 *       service — they judge HTTP requests and responses, which only exist there.</li>
 * </ul>
 */
@Configuration
public class ConsentConfig {

	private static final Logger log = LoggerFactory.getLogger(ConsentConfig.class);

	/** Patients whose Consents are kept between requests (a few Consents each). */
	static final int CACHED_PATIENTS = 10_000;

	@Bean
	ConsentDecider consentDecider(ConsentProperties properties) {
		return new ConsentDecider(properties.policy());
	}

	@Bean
	SystemReads consentSystemReads(DaoRegistry daos) {
		return new SystemReads(daos);
	}

	@Bean
	RequestCallers consentRequestCallers(CurrentCaller currentCaller) {
		return new RequestCallers(currentCaller);
	}

	@Bean
	ConsentGeneration consentGeneration(JdbcTemplate jdbc) {
		return new ConsentGeneration(jdbc);
	}

	@Bean
	ResourceVisibility resourceVisibility(
			ConsentDecider decider, FhirContext fhirContext, SystemReads reads, ConsentGeneration generation) {
		CachedPatientConsents cached = new CachedPatientConsents(reads::consentsOf, CACHED_PATIENTS);
		return new ResourceVisibility(
				decider,
				new PatientOfResource(fhirContext),
				(patient, scope) -> ConsentGeneration.advancedInThisTransaction()
						? reads.consentsOf(patient) // a Consent write in progress: only fresh reads are exact
						: cached.consentsOf(patient, scope.consentGeneration(generation::current)),
				reads::current,
				Clock.systemUTC());
	}

	@Bean
	SearchReuseAsker searchReuseAsker() {
		return new SearchReuseAsker();
	}

	/**
	 * In protected mode, HAPI's search cache reuses a consent-filtered search only for the caller it
	 * was filtered for ({@link CallerScopedSearchCache}); plain mode keeps HAPI's cache untouched.
	 */
	@Bean
	static BeanPostProcessor callerScopedSearchCache(Environment environment, ObjectProvider<SearchReuseAsker> asker) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ISearchCacheSvc cache
						&& !(bean instanceof CallerScopedSearchCache)
						&& environment.getProperty("fhirnotary.mode", ServerMode.class, ServerMode.PROTECTED).isProtected()) {
					return new CallerScopedSearchCache(cache, asker.getObject());
				}
				return bean;
			}
		};
	}

	/** Registers the storage-side pieces on HAPI's JPA interceptor service (protected mode). */
	@Bean
	ConsentInterceptor consentInterceptor(
			FhirNotaryProperties properties,
			IInterceptorService jpaInterceptors,
			RequestCallers callers,
			ResourceVisibility visibility,
			SystemReads reads,
			FhirContext fhirContext,
			ConsentProperties consentProperties,
			ConsentGeneration generation,
			SearchReuseAsker searchReuseAsker) {
		ConsentInterceptor interceptor = new CallerScopedConsentInterceptor(
				new ConsentServiceAdapter(callers, visibility), callers, generation, searchReuseAsker);
		if (!properties.mode().isProtected()) {
			log.info("Consent and write rules are off (plain mode)");
			return interceptor;
		}
		jpaInterceptors.registerInterceptor(interceptor);
		jpaInterceptors.registerInterceptor(new ConsentGenerationHooks(generation));
		jpaInterceptors.registerInterceptor(
				new WriteRulesInterceptor(callers, visibility, reads, new ConditionalReferences(fhirContext)));
		log.info("Consent filters every read surface; write rules guard every write (default policy {})",
				consentProperties.policy());
		return interceptor;
	}

	/** Registers the HTTP-side guards on the REST server's own interceptor service (protected mode). */
	@Bean
	ResponseBundleGuard consentRequestGuards(
			FhirNotaryProperties properties,
			RestfulServer fhirRestfulServer,
			RequestCallers callers,
			SystemReads reads,
			ResourceVisibility visibility,
			ISearchParamRegistry searchParamRegistry,
			ISearchParamExtractor searchParamExtractor,
			ISearchCacheSvc searchCache,
			FhirContext fhirContext) {
		ResponseBundleGuard responses = new ResponseBundleGuard(
				callers, new PatientOfResource(fhirContext), searchParamExtractor, searchCache, properties.defaultPageSize());
		if (properties.mode().isProtected()) {
			IInterceptorService server = fhirRestfulServer.getInterceptorService();
			server.registerInterceptor(new SearchSurfaceGuard(callers, searchParamRegistry));
			server.registerInterceptor(new InstanceAccessGuard(callers, reads, visibility));
			server.registerInterceptor(new BundleEntryGuard(callers, new ConditionalReferences(fhirContext)));
			server.registerInterceptor(responses);
			server.registerInterceptor(new DecisionAuditBridge());
		}
		return responses;
	}

	@Bean
	AuditTrailAccess auditTrailAccess(RequestCallers callers, ResourceVisibility visibility, ConsentDecider decider) {
		return new AuditTrailAccess(callers, visibility, decider, Clock.systemUTC());
	}
}
