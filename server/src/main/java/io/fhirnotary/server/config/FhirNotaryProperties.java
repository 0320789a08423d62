package io.fhirnotary.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code fhirnotary.*} that are not owned by a later feature (see DESIGN §10).
 *
 * @param mode           {@code protected} (default) or {@code plain}: HAPI as it comes, for comparison
 * @param dataDir        where the embedded database (and later the dev keystores) live
 * @param maxRequestSize largest request body accepted on {@code /fhir}; larger bodies get 413
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize    largest {@code _count} honoured
 */
@ConfigurationProperties(prefix = "fhirnotary")
public record FhirNotaryProperties(
		ServerMode mode, String dataDir, DataSize maxRequestSize, int defaultPageSize, int maxPageSize) {

	public FhirNotaryProperties {
		if (mode == null) {
			mode = ServerMode.PROTECTED;
		}
		if (dataDir == null || dataDir.isBlank()) {
			dataDir = "./data";
		}
		if (maxRequestSize == null) {
			maxRequestSize = DataSize.ofMegabytes(10);
		}
		if (defaultPageSize <= 0) {
			defaultPageSize = 20;
		}
		if (maxPageSize <= 0) {
			maxPageSize = 200;
		}
		if (defaultPageSize > maxPageSize) {
			throw new IllegalArgumentException("fhirnotary.default-page-size must not exceed fhirnotary.max-page-size");
		}
	}
}
