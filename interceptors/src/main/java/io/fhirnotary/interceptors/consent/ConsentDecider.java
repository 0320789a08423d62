package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ContextLevel;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;

/**
 * Decides whether a caller may <em>see</em> one resource: the table of DESIGN §5 as a pure
 * function. No I/O, no clock, no framework: the adapter hands in the patient whose compartment
 * holds the resource and that patient's Consents; the same inputs always give the same decision.
 *
 * <p>The rules, first match wins (see {@code docs/CONSENT.md} for the full semantics):
 * <ol>
 *   <li><b>Auditor</b> (configured client): AuditEvents with a {@code system/} scope; nothing else,
 *       ever — not even resources outside patient compartments.</li>
 *   <li><b>Custodian</b> (configured client) holding a {@code system/} scope for the type:
 *       everything. Without one, it is judged like any other caller.</li>
 *   <li><b>No patient</b>: types outside the Patient compartment (Organization, Practitioner,
 *       Medication, …) are visible to any caller with a read or search scope for the type at any
 *       level; a compartment type found in no compartment is visible to nobody else.</li>
 *   <li><b>The patient</b> ({@code fhirUser} is the compartment's Patient) with a {@code patient/}
 *       or {@code user/} scope: everything in the compartment, AuditEvents included.</li>
 *   <li>Everyone else needs a {@code user/} scope for the type, and an identity (a user or an
 *       organisation) a Consent could name; AuditEvents stay closed to them.</li>
 *   <li><b>Access request</b>: a Consent resource naming the caller as permitted actor (status
 *       proposed, active, rejected or inactive) is visible to that caller.</li>
 *   <li><b>Prescriber</b>: a Practitioner sees the MedicationRequests whose {@code requester} it is.</li>
 *   <li><b>Consents</b>: an active patient-privacy Consent permits (and none denies).</li>
 *   <li><b>Emergency</b>: a practitioner with purpose {@code ETREAT} sees what no Consent permits,
 *       even past a deny; the decision says so, for the audit trail.</li>
 *   <li>A matching deny denies; otherwise the configured default decides.</li>
 * </ol>
 * Never throws for well-formed input; Consents it cannot read grant nothing.
 */
public final class ConsentDecider {

	private static final String AUDIT_EVENT = "AuditEvent";
	private static final Set<ContextLevel> PATIENT_OR_USER = EnumSet.of(ContextLevel.PATIENT, ContextLevel.USER);

	private final DefaultConsentPolicy defaultPolicy;

	public ConsentDecider(DefaultConsentPolicy defaultPolicy) {
		this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
	}

	public DefaultConsentPolicy defaultPolicy() {
		return defaultPolicy;
	}

	/**
	 * Same as {@link #decide(Caller, Resource, ResourceRef, List, Instant, RelatedResources)} when
	 * the adapter cannot say what resources named by {@code related} data provisions refer to.
	 */
	public ConsentDecision decide(
			Caller caller, Resource resource, ResourceRef patient, List<Consent> patientConsents, Instant now) {
		return decide(caller, resource, patient, patientConsents, now, RelatedResources.UNKNOWN);
	}

	/**
	 * @param caller          who asks
	 * @param resource        the resource that would be shown
	 * @param patient         the Patient whose compartment holds the resource ({@code Patient/id};
	 *                        the Patient resource itself is in its own compartment), or null when it
	 *                        is in none
	 * @param patientConsents that patient's Consents, any status (filtered here); null means none
	 * @param now             the instant periods are checked against
	 * @param related         what resources named by {@code related} data provisions refer to
	 */
	public ConsentDecision decide(
			Caller caller,
			Resource resource,
			ResourceRef patient,
			List<Consent> patientConsents,
			Instant now,
			RelatedResources related) {
		Objects.requireNonNull(caller, "caller");
		Objects.requireNonNull(resource, "resource");
		Objects.requireNonNull(now, "now");
		String type = resource.fhirType();

		if (caller.auditor()) {
			return auditorDecision(caller, type);
		}
		if (caller.custodian() && caller.scopes().allowsSeeing(ContextLevel.SYSTEM, type)) {
			return ConsentDecision.because(ConsentReason.CUSTODIAN);
		}
		if (patient == null) {
			return outsideAnyCompartment(caller, type);
		}
		if (patient.equals(caller.fhirUser())) {
			return caller.scopes().allowsSeeingAtAny(PATIENT_OR_USER, type)
					? ConsentDecision.because(ConsentReason.PATIENT_SELF)
					: ConsentDecision.because(ConsentReason.SCOPE_MISSING);
		}
		if (type.equals(AUDIT_EVENT)) {
			return ConsentDecision.because(ConsentReason.AUDIT_RESTRICTED);
		}
		if (!caller.scopes().allowsSeeing(ContextLevel.USER, type)) {
			return ConsentDecision.because(ConsentReason.SCOPE_MISSING);
		}
		if (caller.identities().isEmpty()) {
			return ConsentDecision.because(ConsentReason.UNIDENTIFIED_CALLER);
		}
		if (resource instanceof Consent consent && ConsentActors.namesCallerAsGrantee(consent, caller)) {
			return new ConsentDecision(ConsentReason.CONSENT_NAMES_CALLER, PatientConsents.referenceTo(consent));
		}
		if (resource instanceof MedicationRequest prescription && isPrescriber(caller, prescription)) {
			return ConsentDecision.because(ConsentReason.PRESCRIBER);
		}
		return byConsents(caller, patient, patientConsents, new AccessQuestion(caller, resource, now, related));
	}

	private static ConsentDecision auditorDecision(Caller caller, String type) {
		if (!type.equals(AUDIT_EVENT)) {
			return ConsentDecision.because(ConsentReason.NOT_AUDIT_CONTENT);
		}
		return caller.scopes().allowsSeeing(ContextLevel.SYSTEM, type)
				? ConsentDecision.because(ConsentReason.AUDITOR)
				: ConsentDecision.because(ConsentReason.SCOPE_MISSING);
	}

	private static ConsentDecision outsideAnyCompartment(Caller caller, String type) {
		if (PatientCompartmentTypes.contains(type)) {
			return ConsentDecision.because(ConsentReason.NO_PATIENT_FOR_PATIENT_DATA);
		}
		return caller.scopes().allowsSeeingAtAny(EnumSet.allOf(ContextLevel.class), type)
				? ConsentDecision.because(ConsentReason.NOT_PATIENT_DATA)
				: ConsentDecision.because(ConsentReason.SCOPE_MISSING);
	}

	private static boolean isPrescriber(Caller caller, MedicationRequest prescription) {
		if (!caller.isPractitioner() || !prescription.hasRequester()) {
			return false;
		}
		return ResourceRef.parse(prescription.getRequester().getReference())
				.map(requester -> requester.equals(caller.fhirUser()))
				.orElse(false);
	}

	private ConsentDecision byConsents(
			Caller caller, ResourceRef patient, List<Consent> consents, AccessQuestion question) {
		List<Consent> candidates = consents == null ? List.of() : consents;
		Optional<PatientConsents.Finding> finding = PatientConsents.evaluate(candidates, patient, question);
		if (finding.isPresent() && finding.get().permits()) {
			return new ConsentDecision(ConsentReason.CONSENT_PERMIT, PatientConsents.referenceTo(finding.get().consent()));
		}
		String denying = finding.map(found -> PatientConsents.referenceTo(found.consent())).orElse(null);
		if (caller.isEmergency()) {
			return new ConsentDecision(ConsentReason.EMERGENCY, denying);
		}
		if (finding.isPresent()) {
			return new ConsentDecision(ConsentReason.CONSENT_DENY, denying);
		}
		return defaultPolicy == DefaultConsentPolicy.PERMIT
				? ConsentDecision.because(ConsentReason.DEFAULT_PERMIT)
				: ConsentDecision.because(ConsentReason.NO_CONSENT_DEFAULT_DENY);
	}
}
