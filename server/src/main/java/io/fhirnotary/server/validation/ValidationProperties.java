package io.fhirnotary.server.validation;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fhirnotary.validation.*}.
 *
 * @param resourceTypes the resource types validated on every create and update (protected mode
 *                      only); empty switches validation off
 */
@ConfigurationProperties(prefix = "fhirnotary.validation")
public record ValidationProperties(Set<String> resourceTypes) {

	static final Set<String> DEFAULT_TYPES = Set.of("MedicationRequest", "MedicationDispense", "Consent");

	public ValidationProperties {
		resourceTypes = resourceTypes == null ? DEFAULT_TYPES : Set.copyOf(resourceTypes);
	}
}
