package io.fhirnotary.server.consent;

import io.fhirnotary.interceptors.consent.DefaultConsentPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings under {@code fhirnotary.consent.*} (DESIGN §10).
 *
 * @param defaultPolicy {@code fhirnotary.consent.default}: {@code deny} (opt-in, the default) or
 *                      {@code permit} (opt-out); any other value stops the server at start-up
 */
@ConfigurationProperties(prefix = "fhirnotary.consent")
public record ConsentProperties(@Name("default") String defaultPolicy) {

	public ConsentProperties {
		// Parsed here so a typo fails the start-up, not the first request.
		DefaultConsentPolicy.fromProperty(defaultPolicy);
	}

	public DefaultConsentPolicy policy() {
		return DefaultConsentPolicy.fromProperty(defaultPolicy);
	}
}
