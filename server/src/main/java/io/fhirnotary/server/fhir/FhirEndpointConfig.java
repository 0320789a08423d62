package io.fhirnotary.server.fhir;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.TerminologyUploaderProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.fhirnotary.interceptors.hygiene.InternalErrorMaskingInterceptor;
import io.fhirnotary.interceptors.hygiene.RequestBodyLimitFilter;
import io.fhirnotary.interceptors.hygiene.RequestContentTypeInterceptor;
import io.fhirnotary.server.config.FhirNotaryProperties;
import io.fhirnotary.server.config.ServerMode;
import io.fhirnotary.server.security.CurrentCaller;
import io.fhirnotary.server.security.ScopeCheckInterceptor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR endpoint at {@code /fhir}: HAPI's {@link RestfulServer} with the JPA resource
 * providers for every R4 resource type, the system provider (transaction, batch, history), the
 * capability statement, database-backed paging, and our request hygiene.
 */
@Configuration
public class FhirEndpointConfig {

	static final String FHIR_PATH = "/fhir";

	@Bean
	public RestfulServer fhirRestfulServer(
			IFhirSystemDao<?, ?> systemDao,
			ResourceProviderFactory resourceProviders,
			JpaSystemProvider<?, ?> systemProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			ValueSetOperationProvider valueSetOperations,
			TerminologyUploaderProvider terminologyUploads,
			FhirNotaryProperties properties,
			CurrentCaller currentCaller) {
		RestfulServer server = new RestfulServer(systemDao.getContext());
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		// ValueSet $expand/$validate-code and CodeSystem $lookup/$validate-code answer from stored
		// terminology; code system releases arrive through $upload-external-code-system and
		// $apply-codesystem-delta-add (scripts/load-terminology).
		server.registerProvider(valueSetOperations);
		server.registerProvider(terminologyUploads);

		JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilities.setImplementationDescription("fhir-notary FHIR R4 server");
		server.setServerConformanceProvider(capabilities);

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);

		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.registerInterceptor(new CapabilityStatementCustomizer("fhir-notary", softwareVersion()));
		server.registerInterceptor(new RequestContentTypeInterceptor());
		server.registerInterceptor(new ServerFileAttachmentGuard());
		if (properties.mode() == ServerMode.PROTECTED) {
			server.registerInterceptor(new ScopeCheckInterceptor(currentCaller));
		}
		server.registerInterceptor(new ExpansionLimitInterceptor());
		server.registerInterceptor(new InternalErrorMaskingInterceptor());
		return server;
	}

	private static String softwareVersion() {
		String version = FhirEndpointConfig.class.getPackage().getImplementationVersion();
		return version == null ? "development" : version;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirRestfulServer) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(fhirRestfulServer, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestBodyLimitFilter> fhirRequestBodyLimit(FhirNotaryProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration =
				new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestSize().toBytes()));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		registration.setName("fhirRequestBodyLimit");
		return registration;
	}
}
