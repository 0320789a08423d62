package io.fhirnotary.server.devauth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dev profile's token issuer ({@code fhirnotary.dev.*}): demo clients for the quick start,
 * tests and benchmarks. Never active outside the dev profile.
 *
 * @param issuer        the {@code iss} of the tokens it signs
 * @param tokenLifetime how long an access token lasts
 * @param clients       the demo clients and what each may ask for
 */
@ConfigurationProperties(prefix = "fhirnotary.dev")
public record DevAuthProperties(String issuer, Duration tokenLifetime, List<DevClient> clients) {

	public DevAuthProperties {
		if (issuer == null || issuer.isBlank()) {
			issuer = "urn:fhirnotary:dev-issuer";
		}
		if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
			tokenLifetime = Duration.ofHours(1);
		}
		clients = clients == null ? List.of() : List.copyOf(clients);
	}

	/**
	 * One demo client.
	 *
	 * @param id           its {@code client_id}
	 * @param description  who it plays, shown by the token command
	 * @param fhirUser     the user it signs in as ({@code Patient/…}, {@code Practitioner/…},
	 *                     {@code Organization/…}), or blank for a system client
	 * @param organization the organisation a user acts for, or blank
	 * @param scope        the SMART scopes it may be granted (space-separated)
	 * @param purposes     the purpose-of-use codes it may declare ({@code ETREAT} to break the glass)
	 */
	public record DevClient(
			String id, String description, String fhirUser, String organization, String scope, List<String> purposes) {

		public DevClient {
			purposes = purposes == null ? List.of() : List.copyOf(purposes);
		}
	}
}
