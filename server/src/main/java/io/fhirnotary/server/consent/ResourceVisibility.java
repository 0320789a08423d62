package io.fhirnotary.server.consent;

import io.fhirnotary.interceptors.consent.ConsentDecider;
import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.consent.RelatedResources;
import io.fhirnotary.interceptors.consent.ResourceReferences;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whether a caller may see one stored resource: feeds {@link ConsentDecider} with the resource's
 * compartment owner, that patient's Consents (any status), the time now and a lookup for
 * {@code related} provisions, and returns its decision unchanged. Every read surface asks here.
 *
 * <p><b>Several owners</b> (a resource whose compartment parameters name two patients): it is
 * visible only if every owner's decision permits it, and the first refusal is returned. A caller
 * thus needs each patient's consent, and any one patient's deny hides it (fail closed, the same
 * "deny wins" the function applies across one patient's Consents).
 *
 * <p>Consents and related lookups are cached in the {@link RequestScope}, i.e. for one request at
 * most; decisions are never cached.
 */
final class ResourceVisibility {

	/** A patient's Consents in every status, as they stand for the request of {@code scope}. */
	@FunctionalInterface
	interface PatientConsents {
		List<Consent> of(ResourceRef patient, RequestScope scope);
	}

	private final ConsentDecider decider;
	private final PatientOfResource patientOf;
	private final PatientConsents consentsOf;
	private final Function<ResourceRef, Optional<Resource>> current;
	private final Clock clock;

	/**
	 * @param consentsOf a patient's Consents in every status, as of the request's scope
	 * @param current    the current version of a resource, read as the server
	 */
	ResourceVisibility(
			ConsentDecider decider,
			PatientOfResource patientOf,
			PatientConsents consentsOf,
			Function<ResourceRef, Optional<Resource>> current,
			Clock clock) {
		this.decider = decider;
		this.patientOf = patientOf;
		this.consentsOf = consentsOf;
		this.current = current;
		this.clock = clock;
	}

	/** Decides, and records the decision in the request's scope for the audit trail. */
	ConsentDecision decide(Caller caller, IBaseResource resource, RequestScope scope) {
		Resource r4 = (Resource) resource;
		PatientOfResource.Owners owners = patientOf.of(resource);
		Instant now = Instant.now(clock);
		RelatedResources related = named -> scope.referencesOf(
				named, ref -> current.apply(ref).map(ResourceReferences::outgoing));
		if (owners.unknown() || owners.patients().isEmpty()) {
			// No owner, or one we cannot identify: the function treats a Patient-compartment type
			// without a patient as nobody's (custodians only) and any other type by scopes alone.
			return recorded(scope, r4, null, decider.decide(caller, r4, null, List.of(), now, related));
		}
		ConsentDecision first = null;
		ResourceRef firstPatient = null;
		for (ResourceRef patient : owners.patients()) {
			List<Consent> consents = scope.consentsOf(patient, owner -> consentsOf.of(owner, scope));
			ConsentDecision decision = decider.decide(caller, r4, patient, consents, now, related);
			if (!decision.permitted()) {
				return recorded(scope, r4, patient, decision);
			}
			if (first == null) {
				first = decision;
				firstPatient = patient;
			}
		}
		return recorded(scope, r4, firstPatient, first);
	}

	private static ConsentDecision recorded(RequestScope scope, Resource resource, ResourceRef patient, ConsentDecision decision) {
		ResourceReferences.identity(resource).ifPresent(ref -> scope.record(
				new RequestScope.Decided(ref, resource.getIdElement().getVersionIdPart(), patient, decision)));
		return decision;
	}

	/** Shorthand for callers that only need the verdict. */
	boolean visible(Caller caller, IBaseResource resource, RequestScope scope) {
		return decide(caller, resource, scope).permitted();
	}
}
