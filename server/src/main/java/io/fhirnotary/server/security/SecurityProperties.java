package io.fhirnotary.server.security;

import io.fhirnotary.interceptors.identity.TrustedClients;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code fhirnotary.security.*} (DESIGN §10). The token issuer itself is configured
 * with Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 *
 * @param audience         the {@code aud} every token must carry; blank means "this server's FHIR
 *                         base URL as the client addressed it" ({@code https://host/fhir})
 * @param custodianClients client ids trusted as custodian EHR systems
 * @param auditorClients   client ids trusted as auditors
 * @param tokenEndpoint    advertised in SMART discovery when an external issuer is used; the dev
 *                         profile advertises its own endpoint
 */
@ConfigurationProperties(prefix = "fhirnotary.security")
public record SecurityProperties(
		String audience, List<String> custodianClients, List<String> auditorClients, String tokenEndpoint) {

	public SecurityProperties {
		custodianClients = custodianClients == null ? List.of() : List.copyOf(custodianClients);
		auditorClients = auditorClients == null ? List.of() : List.copyOf(auditorClients);
	}

	public boolean hasFixedAudience() {
		return audience != null && !audience.isBlank();
	}

	public TrustedClients trustedClients() {
		return new TrustedClients(Set.copyOf(custodianClients), Set.copyOf(auditorClients));
	}
}
