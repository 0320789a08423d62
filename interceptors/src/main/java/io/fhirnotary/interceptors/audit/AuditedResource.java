package io.fhirnotary.interceptors.audit;

import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One resource a request touched: read, returned, written, or withheld from the caller.
 *
 * @param resource the resource
 * @param version  its version id, or null when unknown (the event then names the resource only)
 * @param patient  the Patient whose compartment holds it (the Patient resource is in its own), or
 *                 null when it belongs to no patient; decides which patient's events name it
 * @param decision the consent decision taken on it, or null when none was (writes, requests that
 *                 failed before the consent check)
 */
public record AuditedResource(ResourceRef resource, String version, ResourceRef patient, ConsentDecision decision) {

	private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	public AuditedResource {
		Objects.requireNonNull(resource, "resource");
		if (version != null && !VERSION.matcher(version).matches()) {
			throw new IllegalArgumentException("not a version id: " + version);
		}
		if (patient != null && !patient.isA("Patient")) {
			throw new IllegalArgumentException("not a Patient: " + patient);
		}
	}

	/** A resource of no patient, version unknown, not decided on. */
	public static AuditedResource of(ResourceRef resource) {
		return new AuditedResource(resource, null, null, null);
	}

	public AuditedResource withVersion(String version) {
		return new AuditedResource(resource, version, patient, decision);
	}

	public AuditedResource inCompartmentOf(ResourceRef patient) {
		return new AuditedResource(resource, version, patient, decision);
	}

	public AuditedResource decidedBy(ConsentDecision decision) {
		return new AuditedResource(resource, version, patient, decision);
	}

	/** Whether the caller was refused this resource (it was withheld, or answered as not found). */
	public boolean denied() {
		return decision != null && !decision.permitted();
	}

	/** Whether the caller saw this resource by breaking the glass. */
	public boolean emergency() {
		return decision != null && decision.emergency();
	}

	/** {@code Type/id}, or {@code Type/id/_history/v} when the version is known. */
	public String reference() {
		return version == null ? resource.toString() : resource + "/_history/" + version;
	}
}
