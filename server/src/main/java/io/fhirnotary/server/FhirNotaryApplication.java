package io.fhirnotary.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * fhir-notary: a HAPI FHIR R4 JPA server with consent, encryption at rest and an Ethereum notary.
 *
 * <p>Boot's JPA and Flyway auto-configuration are off on purpose: HAPI needs its own entity
 * manager factory, and the schema is owned by HAPI's migrator (HAPI tables) and by our own
 * Flyway run (project tables), in that order, before the entity manager starts.
 */
@SpringBootApplication(
		exclude = {
			HibernateJpaAutoConfiguration.class,
			FlywayAutoConfiguration.class,
			// HAPI brings Hibernate Search's Elasticsearch client and Thymeleaf; we use neither.
			ElasticsearchRestClientAutoConfiguration.class,
			ElasticsearchClientAutoConfiguration.class,
			ThymeleafAutoConfiguration.class
		})
@ConfigurationPropertiesScan
public class FhirNotaryApplication {

	public static void main(String[] args) {
		SpringApplication.run(FhirNotaryApplication.class, args);
	}
}
