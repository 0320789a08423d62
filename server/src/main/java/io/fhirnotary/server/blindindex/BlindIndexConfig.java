package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.fhirnotary.interceptors.blindindex.BlindIndexPolicy;
import io.fhirnotary.interceptors.blindindex.BlindTokens;
import io.fhirnotary.interceptors.blindindex.IndexMac;
import io.fhirnotary.interceptors.blindindex.SearchParameterRewriter;
import io.fhirnotary.interceptors.crypto.KeyProvider;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Blind indexes in protected mode (DESIGN §4, docs/ENCRYPTION.md): HAPI's extractor decorated so
 * PHI-bearing index values are stored as keyed HMACs, display texts kept out of the string index,
 * searches rewritten at every entry point, and name/address/birth-date parameters replaced by blind
 * tokens. Plain mode keeps HAPI as it comes.
 */
@Configuration
@ConditionalOnProperty(name = "fhirnotary.mode", havingValue = "protected", matchIfMissing = true)
public class BlindIndexConfig {

	/** The index key: {@code index-hmac-1} of the key provider (crypto.CryptoConfig opens the keystore or token). */
	@Bean
	IndexMac blindIndexMac(KeyProvider keyStore) {
		return keyStore.indexKey()::mac;
	}

	@Bean
	BlindIndexPolicy blindIndexPolicy() {
		return new BlindIndexPolicy();
	}

	@Bean
	BlindTokens blindTokens(IndexMac blindIndexMac) {
		return new BlindTokens(blindIndexMac);
	}

	@Bean
	SearchParameterRewriter blindSearchParameterRewriter(
			BlindIndexPolicy policy, BlindTokens tokens, ISearchParamRegistry searchParamRegistry) {
		return new SearchParameterRewriter(policy, tokens, new RegistrySearchParameterCatalog(searchParamRegistry));
	}

	/**
	 * Decorates HAPI's {@code ISearchParamExtractor} (Spring Boot refuses bean overriding) and stops
	 * HAPI copying code displays into the string index. Static and lazy: a post-processor is created
	 * before ordinary beans, so the key and policy are looked up on first use.
	 */
	@Bean
	static BeanPostProcessor blindIndexExtractorDecorator(ObjectProvider<BlindIndexPolicy> policy, ObjectProvider<BlindTokens> tokens) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ISearchParamExtractor extractor && !(bean instanceof BlindingSearchParamExtractor)) {
					return new BlindingSearchParamExtractor(extractor, new LazyBlinder(policy, tokens));
				}
				if (bean instanceof JpaStorageSettings settings) {
					settings.setSuppressStringIndexingInTokens(true);
				}
				return bean;
			}
		};
	}

	@Bean
	InitializingBean blindIndexHooksRegistration(
			IInterceptorService jpaInterceptors, RestfulServer fhirRestfulServer, SearchParameterRewriter rewriter,
			FhirContext fhirContext) {
		return () -> {
			fhirRestfulServer.registerInterceptor(new BlindSearchRequestInterceptor(rewriter));
			jpaInterceptors.registerInterceptor(new BlindStorageHooks(rewriter, fhirContext));
		};
	}

	/** Before the terminology seeder and anything else that writes on start-up. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ApplicationListener<ApplicationReadyEvent> blindSearchParameterSeeding(DaoRegistry daos,
			IFhirSystemDao<org.hl7.fhir.r4.model.Bundle, ?> systemDao, ISearchParamRegistry registry, JpaStorageSettings settings) {
		BlindSearchParameterSeeder seeder = new BlindSearchParameterSeeder(
				daos.getResourceDao(SearchParameter.class), systemDao, registry, settings);
		return event -> seeder.seed();
	}

	/** Resolves the blinder once, when HAPI first extracts an index (after the context is built). */
	private static final class LazyBlinder implements java.util.function.Supplier<IndexEntityBlinder> {
		private final ObjectProvider<BlindIndexPolicy> policy;
		private final ObjectProvider<BlindTokens> tokens;
		private volatile IndexEntityBlinder blinder;

		LazyBlinder(ObjectProvider<BlindIndexPolicy> policy, ObjectProvider<BlindTokens> tokens) {
			this.policy = policy;
			this.tokens = tokens;
		}

		@Override
		public IndexEntityBlinder get() {
			IndexEntityBlinder current = blinder;
			if (current == null) {
				current = new IndexEntityBlinder(policy.getObject(), tokens.getObject());
				blinder = current;
			}
			return current;
		}
	}
}
