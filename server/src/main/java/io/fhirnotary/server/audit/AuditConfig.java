package io.fhirnotary.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.fhirnotary.interceptors.audit.AuditSource;
import io.fhirnotary.interceptors.audit.BalpAuditEvents;
import io.fhirnotary.server.security.CurrentCaller;
import java.time.Clock;
import org.hl7.fhir.r4.model.AuditEvent;
import ca.uhn.fhir.jpa.searchparam.extractor.IResourceLinkResolver;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail of protected mode (issue 3, DESIGN §5): BALP AuditEvents for every REST request
 * and every consent decision, stored as FHIR resources. Plain mode keeps HAPI as it comes.
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

	@Bean
	AuditEventWriter auditEventWriter(DaoRegistry daos, PlatformTransactionManager transactionManager) {
		IFhirResourceDao<AuditEvent> auditEvents = daos.getResourceDao(AuditEvent.class);
		return new AuditEventWriter(auditEvents, new TransactionTemplate(transactionManager));
	}

	/** AuditEvents may name what no longer exists, or never did: see {@link AuditEventReferenceResolver}. */
	@Bean
	static BeanPostProcessor auditEventReferenceResolverWrapper() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof IResourceLinkResolver resolver && !(bean instanceof AuditEventReferenceResolver)
						? new AuditEventReferenceResolver(resolver)
						: bean;
			}
		};
	}

	@Bean
	InitializingBean auditHooksRegistration(
			IInterceptorService jpaInterceptors,
			RestfulServer fhirRestfulServer,
			CurrentCaller currentCaller,
			FhirContext fhirContext,
			AuditTrailRecorder recorder,
			AuditEventWriter writer,
			JdbcTemplate jdbc) {
		return () -> {
			jpaInterceptors.registerInterceptor(new AuditStorageHooks(currentCaller, fhirContext, recorder, writer));
			jpaInterceptors.registerInterceptor(new AuditEventDeleteConflicts(jdbc));
			fhirRestfulServer.registerInterceptor(new AuditServerHooks(currentCaller, fhirContext, recorder, writer));
		};
	}
}
