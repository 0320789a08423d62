package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;

/**
 * Who a Consent grants something to: the actors of its permit provisions. Used for access requests
 * (the requester may see the Consent naming it) and for the write rules (a practitioner's request
 * may name only itself).
 */
final class ConsentActors {

	/** Statuses in which a Consent is a live or decided access request its actor may follow. */
	private static final Set<ConsentState> VISIBLE_TO_ACTOR =
			Set.of(ConsentState.PROPOSED, ConsentState.ACTIVE, ConsentState.REJECTED, ConsentState.INACTIVE);

	private ConsentActors() {}

	/**
	 * Whether the caller may see this Consent resource because it names the caller as a permitted
	 * actor: patient-privacy, status proposed/active/rejected/inactive (not draft, not
	 * entered-in-error), and an actor of a permit provision that is the caller or its organisation.
	 */
	static boolean namesCallerAsGrantee(Consent consent, Caller caller) {
		if (!VISIBLE_TO_ACTOR.contains(consent.getStatus()) || !PatientConsents.isPatientPrivacy(consent)) {
			return false;
		}
		for (ResourceRef actor : permittedActors(consent)) {
			if (caller.is(actor)) {
				return true;
			}
		}
		return false;
	}

	/** Actors of permit provisions at any depth (untyped provisions inherit; the root is permit). */
	static Set<ResourceRef> permittedActors(Consent consent) {
		Set<ResourceRef> actors = new LinkedHashSet<>();
		if (consent.hasProvision()) {
			collect(consent.getProvision(), ConsentProvisionType.PERMIT, actors, 1);
		}
		return actors;
	}

	/** Every actor reference in the Consent, readable or not, as written; for the write rules. */
	static List<String> allActorReferences(Consent consent) {
		List<String> references = new ArrayList<>();
		if (consent.hasProvision()) {
			collectAll(consent.getProvision(), references, 1);
		}
		return references;
	}

	private static void collect(ProvisionComponent provision, ConsentProvisionType inherited, Set<ResourceRef> into, int depth) {
		if (depth > ConsentProvisionEvaluator.MAX_DEPTH) {
			return;
		}
		ConsentProvisionType type = ConsentProvisionEvaluator.typeOf(provision, inherited);
		if (type == ConsentProvisionType.PERMIT && provision.hasActor()) {
			for (provisionActorComponent actor : provision.getActor()) {
				if (actor.hasReference()) {
					ResourceRef.parse(actor.getReference().getReference()).ifPresent(into::add);
				}
			}
		}
		if (provision.hasProvision()) {
			for (ProvisionComponent nested : provision.getProvision()) {
				collect(nested, type, into, depth + 1);
			}
		}
	}

	private static void collectAll(ProvisionComponent provision, List<String> into, int depth) {
		if (depth > ConsentProvisionEvaluator.MAX_DEPTH) {
			into.add(null);
			return;
		}
		if (provision.hasActor()) {
			for (provisionActorComponent actor : provision.getActor()) {
				into.add(actor.hasReference() ? actor.getReference().getReference() : null);
			}
		}
		if (provision.hasProvision()) {
			for (ProvisionComponent nested : provision.getProvision()) {
				collectAll(nested, into, depth + 1);
			}
		}
	}
}
