package io.fhirnotary.interceptors.audit;

import java.util.Objects;

/**
 * The server that records the events: {@code AuditEvent.source}. Configuration, the same for every
 * event a server writes.
 *
 * @param observer the server's name, written as {@code source.observer} identifier value and display
 *                 (a bare name rather than a {@code Device/…} reference, so no Device resource has to
 *                 exist for the event to be stored); e.g. {@code fhir-notary}
 * @param site     the logical site ({@code source.site}, e.g. the host name), or null
 */
public record AuditSource(String observer, String site) {

	public AuditSource {
		Objects.requireNonNull(observer, "observer");
		if (observer.isBlank()) {
			throw new IllegalArgumentException("observer is blank");
		}
		if (site != null && site.isBlank()) {
			site = null;
		}
	}

	public static AuditSource named(String observer) {
		return new AuditSource(observer, null);
	}
}
