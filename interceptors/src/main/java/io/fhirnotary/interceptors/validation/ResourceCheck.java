package io.fhirnotary.interceptors.validation;

import org.hl7.fhir.r4.model.Resource;

/** One rule a stored resource must satisfy, beyond what the FHIR specification itself requires. */
@FunctionalInterface
public interface ResourceCheck {

	/** Adds an issue for every way {@code resource} breaks this rule; adds nothing when it holds. */
	void check(Resource resource, WriteContext context, ValidationIssues issues);
}
