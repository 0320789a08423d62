package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Consent.provisionDataComponent;

/**
 * Matches the criteria of a single provision node (not its nested provisions) against an access
 * question. Criteria present on a node must all match (actor AND period AND action AND purpose AND
 * class AND data); within one criterion any listed value may match (actor X OR actor Y).
 *
 * <p>Elements we do not evaluate ({@code securityLabel}, {@code code}, {@code dataPeriod}, data
 * meaning {@code authoredby}, actors that are Groups or CareTeams, references we cannot resolve)
 * answer {@link Match#UNKNOWN}; {@link ConsentProvisionEvaluator} makes a permit with an unknown
 * criterion not apply and a deny apply.
 */
final class ProvisionMatcher {

	/** Actors whose membership we cannot resolve: a caller may belong to them without us knowing. */
	private static final Set<String> COLLECTIVE_ACTORS = Set.of("Group", "CareTeam");

	private ProvisionMatcher() {}

	static Match matches(ProvisionComponent provision, ConsentProvisionType type, AccessQuestion question) {
		Match result = unsupportedElements(provision);
		result = result.and(actor(provision, question));
		if (result != Match.NO && provision.hasPeriod()) {
			result = result.and(Periods.covers(provision.getPeriod(), question.now()));
		}
		if (result != Match.NO) {
			result = result.and(action(provision, type));
		}
		if (result != Match.NO) {
			result = result.and(purpose(provision, question));
		}
		if (result != Match.NO) {
			result = result.and(resourceClass(provision, question.resourceType()));
		}
		if (result != Match.NO) {
			result = result.and(data(provision, question));
		}
		return result;
	}

	private static Match unsupportedElements(ProvisionComponent provision) {
		boolean unsupported = provision.hasSecurityLabel() || provision.hasCode() || provision.hasDataPeriod();
		return unsupported ? Match.UNKNOWN : Match.YES;
	}

	private static Match actor(ProvisionComponent provision, AccessQuestion question) {
		if (!provision.hasActor()) {
			return Match.YES;
		}
		boolean unknown = false;
		for (provisionActorComponent actor : provision.getActor()) {
			Optional<ResourceRef> reference = actor.hasReference()
					? ResourceRef.parse(actor.getReference().getReference())
					: Optional.empty();
			if (reference.isEmpty()) {
				unknown = true;
			} else if (question.caller().is(reference.get())) {
				return Match.YES;
			} else if (COLLECTIVE_ACTORS.contains(reference.get().type())) {
				unknown = true;
			}
		}
		return unknown ? Match.UNKNOWN : Match.NO;
	}

	/**
	 * Reading is {@code access}. A deny also applies to {@code use} and {@code disclose}, since
	 * showing data to someone else is both; a permit must say {@code access} (or say nothing).
	 */
	private static Match action(ProvisionComponent provision, ConsentProvisionType type) {
		if (!provision.hasAction()) {
			return Match.YES;
		}
		boolean unknown = false;
		for (CodeableConcept action : provision.getAction()) {
			if (!action.hasCoding()) {
				unknown = true;
				continue;
			}
			for (Coding coding : action.getCoding()) {
				boolean ourSystem = !coding.hasSystem() || ConsentCodes.ACTION_SYSTEM.equals(coding.getSystem());
				String code = coding.getCode();
				if (!ourSystem || code == null) {
					unknown = true;
				} else if (code.equals(ConsentCodes.ACTION_ACCESS)) {
					return Match.YES;
				} else if (type == ConsentProvisionType.DENY
						&& (code.equals(ConsentCodes.ACTION_USE) || code.equals(ConsentCodes.ACTION_DISCLOSE))) {
					return Match.YES;
				} else if (!isKnownAction(code)) {
					unknown = true;
				}
			}
		}
		return unknown ? Match.UNKNOWN : Match.NO;
	}

	private static boolean isKnownAction(String code) {
		return code.equals(ConsentCodes.ACTION_COLLECT) || code.equals(ConsentCodes.ACTION_CORRECT)
				|| code.equals(ConsentCodes.ACTION_USE) || code.equals(ConsentCodes.ACTION_DISCLOSE);
	}

	/** Purposes compare by code; a caller that declares no purpose cannot prove it is not the denied one. */
	private static Match purpose(ProvisionComponent provision, AccessQuestion question) {
		if (!provision.hasPurpose()) {
			return Match.YES;
		}
		Set<String> declared = question.caller().purposesOfUse();
		if (declared.isEmpty()) {
			return Match.UNKNOWN;
		}
		for (Coding purpose : provision.getPurpose()) {
			if (purpose.getCode() != null && declared.contains(purpose.getCode())) {
				return Match.YES;
			}
		}
		return Match.NO;
	}

	/** Only resource-type classes are understood; profiles and other class systems are unknown. */
	private static Match resourceClass(ProvisionComponent provision, String resourceType) {
		if (!provision.hasClass_()) {
			return Match.YES;
		}
		boolean unknown = false;
		for (Coding coding : provision.getClass_()) {
			if (!ConsentCodes.RESOURCE_TYPES_SYSTEM.equals(coding.getSystem()) || coding.getCode() == null) {
				unknown = true;
			} else if (coding.getCode().equals(resourceType)) {
				return Match.YES;
			}
		}
		return unknown ? Match.UNKNOWN : Match.NO;
	}

	private static Match data(ProvisionComponent provision, AccessQuestion question) {
		if (!provision.hasData()) {
			return Match.YES;
		}
		boolean unknown = false;
		for (provisionDataComponent data : provision.getData()) {
			Match one = dataEntry(data, question);
			if (one == Match.YES) {
				return Match.YES;
			}
			unknown |= one == Match.UNKNOWN;
		}
		return unknown ? Match.UNKNOWN : Match.NO;
	}

	/**
	 * FHIR R4 meanings: {@code instance} the named resource; {@code related} it and what it refers
	 * to; {@code dependents} it and what refers to it; {@code authoredby} is not supported.
	 */
	private static Match dataEntry(provisionDataComponent data, AccessQuestion question) {
		Optional<ResourceRef> named = data.hasReference()
				? ResourceRef.parse(data.getReference().getReference())
				: Optional.empty();
		ConsentDataMeaning meaning = data.getMeaning();
		if (named.isEmpty() || meaning == null || meaning == ConsentDataMeaning.NULL) {
			return Match.UNKNOWN;
		}
		ResourceRef self = question.resourceRef();
		boolean isNamed = named.get().equals(self);
		return switch (meaning) {
			case INSTANCE -> Match.of(isNamed);
			case DEPENDENTS -> Match.of(isNamed || question.outgoingReferences().contains(named.get()));
			case RELATED -> isNamed ? Match.YES : relatedTo(named.get(), self, question.related());
			default -> Match.UNKNOWN;
		};
	}

	private static Match relatedTo(ResourceRef named, ResourceRef self, RelatedResources related) {
		Optional<Set<ResourceRef>> referenced = related.referencedBy(named);
		if (referenced.isEmpty()) {
			return Match.UNKNOWN;
		}
		return Match.of(self != null && referenced.get().contains(self));
	}
}
