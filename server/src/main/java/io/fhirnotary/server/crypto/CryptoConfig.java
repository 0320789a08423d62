package io.fhirnotary.server.crypto;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.esr.ExternallyStoredResourceServiceRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.fhirnotary.interceptors.crypto.KeyProvider;
import io.fhirnotary.server.config.FhirNotaryProperties;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.schema.DatabaseSchema;
import io.fhirnotary.server.security.CurrentCaller;
import jakarta.persistence.EntityManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encryption at rest of resource bodies (issue 4, DESIGN §4), protected mode only; plain mode keeps
 * HAPI's plain JSON bodies and registers nothing here.
 *
 * <p>{@link EncryptedResourceStore} is HAPI's externally-stored-resource provider (all body reads);
 * {@link EncryptionStorageHooks} sit on HAPI's JPA interceptor service (all writes);
 * {@link PlaintextBodyGuard} makes Hibernate refuse any body that missed them;
 * {@link CryptoOperations} serves {@code $crypto-shred}, {@code $rotate-kek}, {@code $retire-kek}.
 */
@Configuration
@ConditionalOnProperty(name = "fhirnotary.mode", havingValue = "protected", matchIfMissing = true)
public class CryptoConfig {

	private static final Logger log = LoggerFactory.getLogger(CryptoConfig.class);

	/** Opened bodies kept for a few seconds (two search pages of the largest size, many requests). */
	private static final int RECENT_BODIES = 5_000;

	/** Picked up by the entity manager factory (see HapiJpaConfig): no plaintext body is flushed. */
	@Bean
	static PlaintextBodyGuard plaintextBodyGuard() {
		return new PlaintextBodyGuard();
	}

	@Bean
	KeyProvider cryptoKeyStore(CryptoProperties properties, FhirNotaryProperties server) {
		return KeystoreLocation.open(properties, server.dataDir());
	}

	@Bean
	CompartmentKeys compartmentKeys(
			KeyProvider keyStore, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CryptoProperties properties) {
		TransactionTemplate newTransaction = new TransactionTemplate(transactionManager);
		newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return new CompartmentKeys(new DataKeyTable(jdbc), keyStore, newTransaction, properties.dataKeyCacheSize());
	}

	/** The notary seals each version's leaf salt with it (io.fhirnotary.server.notary). */
	@Bean
	VersionSecretKeys versionSecretKeys(FhirContext fhirContext, CompartmentKeys keys, JdbcTemplate jdbc) {
		return new VersionSecretKeys(fhirContext, new PatientOfResource(fhirContext), keys, new DataKeyTable(jdbc));
	}

	/** One for all readers and writers of bodies: it holds what open transactions have yet to store. */
	@Bean
	BodyTable bodyTable(JdbcTemplate jdbc, EntityManagerFactory entityManagers, DatabaseSchema schema) {
		return new BodyTable(jdbc, entityManagers, schema.database());
	}

	@Bean
	EncryptedResourceStore encryptedResourceStore(CompartmentKeys keys, BodyTable bodies, FhirContext fhirContext) {
		return new EncryptedResourceStore(bodies, keys, new BodyCodec(fhirContext), RECENT_BODIES);
	}

	@Bean
	KekRotation kekRotation(
			KeyProvider keyStore, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CryptoProperties properties) {
		return new KekRotation(
				keyStore, new DataKeyTable(jdbc), new TransactionTemplate(transactionManager), properties.rotationBatchSize());
	}

	@Bean
	CryptoShredding cryptoShredding(
			CompartmentKeys keys,
			JdbcTemplate jdbc,
			BodyTable bodies,
			DaoRegistry daos,
			PlatformTransactionManager transactionManager) {
		return new CryptoShredding(new DataKeyTable(jdbc), bodies, keys, daos, new TransactionTemplate(transactionManager));
	}

	@Bean
	InitializingBean encryptionRegistration(
			ExternallyStoredResourceServiceRegistry esrRegistry,
			EncryptedResourceStore store,
			IInterceptorService jpaInterceptors,
			FhirContext fhirContext,
			CompartmentKeys keys,
			JdbcTemplate jdbc,
			RestfulServer fhirRestfulServer,
			CurrentCaller currentCaller,
			CryptoShredding shredding,
			KekRotation rotation,
			BodyTable bodies) {
		return () -> {
			esrRegistry.registerProvider(store);
			jpaInterceptors.registerInterceptor(new EncryptionStorageHooks(
					fhirContext, new PatientOfResource(fhirContext), keys, bodies, new BodyCodec(fhirContext), jdbc));
			fhirRestfulServer.registerProvider(new CryptoOperations(currentCaller, shredding, rotation));
			log.info("Resource bodies are encrypted at rest (AES-256-GCM, one data key per patient compartment)");
		};
	}
}
