package io.fhirnotary.interceptors.consent;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;

/**
 * Evaluates one Consent's provision tree for an access question.
 *
 * <p>Rules, in the order they act:
 * <ol>
 *   <li>A provision applies when its own criteria match ({@link ProvisionMatcher}); an unknown
 *       criterion makes a permit not apply and a deny apply.</li>
 *   <li>Nested provisions are exceptions to their parent: they are looked at only when the parent
 *       applies, and one that applies overrides the parent's type within its own scope.</li>
 *   <li>Among nested provisions of one parent, deny wins over permit.</li>
 *   <li>A provision without a type inherits its parent's; the root defaults to permit.</li>
 *   <li>A permit grants only when an actor on it or on an ancestor names the caller: a Consent
 *       cannot share with "anyone" (that is what the permit default policy is for). A deny without
 *       an actor applies to everyone within its parent's scope.</li>
 * </ol>
 */
final class ConsentProvisionEvaluator {

	/** Deeper trees are treated as unreadable: no patient-authored Consent needs more. */
	static final int MAX_DEPTH = 16;

	private ConsentProvisionEvaluator() {}

	/** The effect of the Consent on the question, or empty when none of its provisions applies. */
	static Optional<ConsentProvisionType> evaluate(Consent consent, AccessQuestion question) {
		if (!consent.hasProvision()) {
			return Optional.empty();
		}
		return evaluate(consent.getProvision(), ConsentProvisionType.PERMIT, false, question, 1);
	}

	private static Optional<ConsentProvisionType> evaluate(
			ProvisionComponent provision,
			ConsentProvisionType inherited,
			boolean actorAbove,
			AccessQuestion question,
			int depth) {
		if (depth > MAX_DEPTH) {
			// fail closed: a tree we refuse to read is a deny, never a permit
			return Optional.of(ConsentProvisionType.DENY);
		}
		ConsentProvisionType type = typeOf(provision, inherited);
		Match match = ProvisionMatcher.matches(provision, type, question);
		boolean applies = match == Match.YES || (match == Match.UNKNOWN && type == ConsentProvisionType.DENY);
		if (!applies) {
			return Optional.empty();
		}
		boolean actorNamed = actorAbove || provision.hasActor();
		boolean permitted = false;
		// hasX() before getX(): the R4 getters create missing lists, and Consents may be shared between threads
		List<ProvisionComponent> exceptions = provision.hasProvision() ? provision.getProvision() : List.of();
		for (ProvisionComponent nested : exceptions) {
			Optional<ConsentProvisionType> exception = evaluate(nested, type, actorNamed, question, depth + 1);
			if (exception.isPresent() && exception.get() == ConsentProvisionType.DENY) {
				return exception;
			}
			permitted |= exception.isPresent();
		}
		if (permitted) {
			return Optional.of(ConsentProvisionType.PERMIT);
		}
		if (type == ConsentProvisionType.PERMIT && !actorNamed) {
			return Optional.empty();
		}
		return Optional.of(type);
	}

	/** The provision's own type, or its parent's when it has none. */
	static ConsentProvisionType typeOf(ProvisionComponent provision, ConsentProvisionType inherited) {
		ConsentProvisionType own = provision.hasType() ? provision.getType() : null;
		return own == null || own == ConsentProvisionType.NULL ? inherited : own;
	}
}
