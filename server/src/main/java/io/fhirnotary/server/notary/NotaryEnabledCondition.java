package io.fhirnotary.server.notary;

import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The notary exists in protected mode unless {@code fhirnotary.notary.enabled=false}: that switch
 * turns capture, anchoring, re-verification and the auditor operations off entirely, so a benchmark
 * can measure protected mode with and without the notary's cost. Plain mode never has it.
 */
final class NotaryEnabledCondition extends AllNestedConditions {

	NotaryEnabledCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnProperty(name = "fhirnotary.mode", havingValue = "protected", matchIfMissing = true)
	static final class ProtectedMode {
	}

	@ConditionalOnProperty(name = "fhirnotary.notary.enabled", havingValue = "true", matchIfMissing = true)
	static final class NotaryEnabled {
	}
}
