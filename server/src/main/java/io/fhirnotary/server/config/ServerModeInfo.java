package io.fhirnotary.server.config;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Tells operators which mode the server runs in: once in the log at start-up and on
 * {@code /actuator/info}, so a benchmark or a deployment check can confirm it.
 */
@Component
class ServerModeInfo implements InfoContributor {

	private static final Logger log = LoggerFactory.getLogger(ServerModeInfo.class);

	private final String mode;

	ServerModeInfo(FhirNotaryProperties properties) {
		this.mode = properties.mode().name().toLowerCase(Locale.ROOT);
		log.info("fhir-notary runs in {} mode", mode);
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("fhirnotary", Map.of("mode", mode));
	}
}
