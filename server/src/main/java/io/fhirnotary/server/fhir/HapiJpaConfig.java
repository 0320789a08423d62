package io.fhirnotary.server.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import io.fhirnotary.server.schema.DatabaseSchema;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.Interceptor;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The beans HAPI's JPA server expects its host application to supply: storage settings, the
 * entity manager factory (through HAPI's own factory util, so HAPI's entities and naming are
 * used), the transaction manager, and the batch/thread-pool configuration HAPI's jobs run on.
 */
@Configuration
@Import({
	JpaR4Config.class,
	ca.uhn.fhir.jpa.config.HapiJpaConfig.class,
	ThreadPoolFactoryConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	// in-memory message broker for HAPI's batch jobs (reindex, $expunge); no subscriptions yet
	SubscriptionChannelConfig.class
})
public class HapiJpaConfig {

	@Bean
	public DatabaseSchema databaseSchema(DataSource dataSource) {
		return DatabaseSchema.migrate(dataSource);
	}

	@Bean
	public JpaStorageSettings jpaStorageSettings() {
		return StorageSettingsFactory.create();
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Bean
	public SubscriptionSettings subscriptionSettings() {
		// No subscription channel types are enabled yet; consent must cover them before they are.
		return new SubscriptionSettings();
	}

	@Bean
	public IBinaryStorageSvc binaryStorageSvc() {
		return new DatabaseBinaryContentStorageSvcImpl();
	}

	/**
	 * Takes {@link DatabaseSchema} as a parameter so the schema is migrated before Hibernate
	 * starts; Hibernate itself never changes the schema ({@code hbm2ddl=none}).
	 */
	@Primary
	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			DatabaseSchema schema,
			DataSource dataSource,
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			ObjectProvider<Interceptor> sessionInterceptor) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		Map<String, Object> properties = hibernateProperties(schema);
		// Protected mode's guard against plaintext bodies (crypto.PlaintextBodyGuard); none in plain mode.
		sessionInterceptor.ifAvailable(interceptor -> properties.put(AvailableSettings.INTERCEPTOR, interceptor));
		factory.setJpaPropertyMap(properties);
		return factory;
	}

	private static Map<String, Object> hibernateProperties(DatabaseSchema schema) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(AvailableSettings.DIALECT, schema.database().hibernateDialect());
		properties.put(AvailableSettings.HBM2DDL_AUTO, "none");
		properties.put(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
		properties.put(AvailableSettings.STATEMENT_BATCH_SIZE, "20");
		properties.put(AvailableSettings.ORDER_INSERTS, "true");
		properties.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
		properties.put(AvailableSettings.USE_QUERY_CACHE, "false");
		properties.put(AvailableSettings.USE_STRUCTURED_CACHE, "false");
		properties.put(AvailableSettings.USE_MINIMAL_PUTS, "false");
		properties.put(AvailableSettings.SHOW_SQL, "false");
		// Hibernate Search would index plaintext bodies; it stays off (HAPI-NOTES, "Other places").
		properties.put("hibernate.search.enabled", "false");
		return properties;
	}

	@Primary
	@Bean
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
