package io.fhirnotary.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Advances the {@link ConsentGeneration} for every Consent version HAPI is about to commit, inside
 * the same transaction (the pre-commit pointcuts; deferred to the end of a transaction bundle, and
 * still inside it). Registered on HAPI's JPA interceptor service, so no write path skips it.
 */
@Interceptor
final class ConsentGenerationHooks {

	private final ConsentGeneration generation;

	ConsentGenerationHooks(ConsentGeneration generation) {
		this.generation = generation;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		advanceFor(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		advanceFor(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		advanceFor(resource);
	}

	private void advanceFor(IBaseResource resource) {
		if ("Consent".equals(resource.fhirType())) {
			generation.advance();
		}
	}
}
