package io.fhirnotary.server.devauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.fhirnotary.server.config.FhirNotaryProperties;
import io.fhirnotary.server.devauth.DevAuthProperties.DevClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The dev profile's own token issuer: keys in the data folder, the demo clients, the token
 * endpoint, and the JWT decoder that trusts it. When an external issuer is configured
 * ({@code jwk-set-uri} or {@code issuer-uri}), Boot's decoder is used even in the dev profile.
 */
@Configuration
@Profile("dev")
class DevAuthConfig {

	private static final Logger log = LoggerFactory.getLogger(DevAuthConfig.class);
	static final String ISSUER_KEY_ID = "fhir-notary-dev-issuer";

	/** The dev issuer's signing key, read (or created) once from the data folder. */
	@Bean
	DevIssuerKey devIssuerKey(FhirNotaryProperties fhirNotary) {
		Path dataDir = Path.of(fhirNotary.dataDir());
		return new DevIssuerKey(DevKeyFiles.loadOrCreate(DevKeyFiles.folder(dataDir).resolve("issuer.jwk"), ISSUER_KEY_ID));
	}

	@Bean
	DevTokenIssuer devTokenIssuer(DevAuthProperties properties, FhirNotaryProperties fhirNotary, DevIssuerKey issuerKey) {
		Path dataDir = Path.of(fhirNotary.dataDir());
		Map<String, ECKey> clientKeys = new LinkedHashMap<>();
		for (DevClient client : properties.clients()) {
			ECKey key = DevKeyFiles.loadOrCreate(DevKeyFiles.clientKeyFile(dataDir, client.id()), client.id());
			clientKeys.put(client.id(), key.toPublicJWK());
		}
		log.info("Dev token endpoint at /oauth/token for {} demo clients; their keys are in {}",
				clientKeys.size(), DevKeyFiles.folder(dataDir).resolve("clients"));
		return new DevTokenIssuer(properties, issuerKey.key(), clientKeys, Clock.systemUTC());
	}

	@Bean
	DevIssuerPublicKeys devIssuerPublicKeys(DevIssuerKey issuerKey) {
		return new DevIssuerPublicKeys(new JWKSet(issuerKey.key().toPublicJWK()));
	}

	@Bean
	@ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}' == '' "
			+ "and '${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''")
	JwtDecoder devJwtDecoder(
			DevIssuerPublicKeys publicKeys, DevAuthProperties properties, List<OAuth2TokenValidator<Jwt>> validators) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(publicKeys.keys())));
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		List<OAuth2TokenValidator<Jwt>> all = new ArrayList<>();
		all.add(JwtValidators.createDefaultWithIssuer(properties.issuer()));
		all.addAll(validators);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(all));
		return decoder;
	}

	/** The dev issuer's private signing key. */
	record DevIssuerKey(ECKey key) {}

	/** The dev issuer's public key set, as served at {@code /oauth/jwks}. */
	record DevIssuerPublicKeys(JWKSet keys) {}
}
