package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;

/**
 * Combines a patient's Consents into one finding: the first applicable deny if any Consent denies
 * (deny wins across Consents), otherwise the first that permits, otherwise nothing.
 *
 * <p>Only Consents that are {@code active}, have scope {@code patient-privacy} and name this
 * patient count. Every other Consent — any other status, another scope, another or no patient, no
 * provision — grants nothing and denies nothing.
 */
final class PatientConsents {

	/** What the patient's Consents say, and which one said it. */
	record Finding(ConsentProvisionType effect, Consent consent) {

		boolean permits() {
			return effect == ConsentProvisionType.PERMIT;
		}
	}

	private PatientConsents() {}

	static Optional<Finding> evaluate(List<Consent> consents, ResourceRef patient, AccessQuestion question) {
		Finding permit = null;
		for (Consent consent : consents) {
			if (consent == null || !isInForce(consent, patient)) {
				continue;
			}
			Optional<ConsentProvisionType> effect = ConsentProvisionEvaluator.evaluate(consent, question);
			if (effect.isEmpty()) {
				continue;
			}
			if (effect.get() == ConsentProvisionType.DENY) {
				return Optional.of(new Finding(ConsentProvisionType.DENY, consent));
			}
			if (permit == null) {
				permit = new Finding(ConsentProvisionType.PERMIT, consent);
			}
		}
		return Optional.ofNullable(permit);
	}

	static boolean isInForce(Consent consent, ResourceRef patient) {
		return consent.getStatus() == ConsentState.ACTIVE && isPatientPrivacy(consent) && belongsTo(consent, patient);
	}

	static boolean isPatientPrivacy(Consent consent) {
		if (!consent.hasScope() || !consent.getScope().hasCoding()) {
			return false;
		}
		for (Coding coding : consent.getScope().getCoding()) {
			if (ConsentCodes.SCOPE_SYSTEM.equals(coding.getSystem())
					&& ConsentCodes.PATIENT_PRIVACY.equals(coding.getCode())) {
				return true;
			}
		}
		return false;
	}

	static boolean belongsTo(Consent consent, ResourceRef patient) {
		return patient != null
				&& consent.hasPatient()
				&& ResourceRef.parse(consent.getPatient().getReference()).map(patient::equals).orElse(false);
	}

	/** {@code Consent/id} with its version when it has one; null when it has no id. */
	static String referenceTo(Consent consent) {
		if (!consent.hasIdElement() || consent.getIdElement().getIdPart() == null) {
			return null;
		}
		String id = "Consent/" + consent.getIdElement().getIdPart();
		String version = consent.getIdElement().getVersionIdPart();
		return version == null ? id : id + "/_history/" + version;
	}
}
