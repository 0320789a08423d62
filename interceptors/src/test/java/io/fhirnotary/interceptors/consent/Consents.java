package io.fhirnotary.interceptors.consent;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Test helpers that build R4 Consents the way a patient app would, so tests read like the policy
 * they describe: {@code consent("c1", "Patient/A").grant(permit().actor("Organization/p1").types("MedicationRequest"))}.
 */
final class Consents {

	private Consents() {}

	/** An active patient-privacy Consent of the patient, without provisions yet. */
	static ConsentBuilder consent(String id, String patient) {
		return new ConsentBuilder(id, patient);
	}

	static ProvisionBuilder permit() {
		return new ProvisionBuilder(ConsentProvisionType.PERMIT);
	}

	static ProvisionBuilder deny() {
		return new ProvisionBuilder(ConsentProvisionType.DENY);
	}

	/** A provision without a type: it inherits its parent's (the root's default is permit). */
	static ProvisionBuilder untyped() {
		return new ProvisionBuilder(null);
	}

	static final class ConsentBuilder {
		private final Consent consent = new Consent();

		private ConsentBuilder(String id, String patient) {
			consent.setId(id);
			consent.setStatus(ConsentState.ACTIVE);
			consent.setScope(new CodeableConcept(new Coding(ConsentCodes.SCOPE_SYSTEM, ConsentCodes.PATIENT_PRIVACY, null)));
			if (patient != null) {
				consent.setPatient(new Reference(patient));
			}
		}

		ConsentBuilder status(ConsentState status) {
			consent.setStatus(status);
			return this;
		}

		ConsentBuilder scope(String system, String code) {
			consent.setScope(new CodeableConcept(new Coding(system, code, null)));
			return this;
		}

		ConsentBuilder version(String version) {
			consent.setIdElement(consent.getIdElement().withVersion(version));
			return this;
		}

		/** The root provision. */
		Consent grant(ProvisionBuilder root) {
			consent.setProvision(root.build());
			return consent;
		}

		Consent withoutProvision() {
			return consent;
		}
	}

	static final class ProvisionBuilder {
		private final ProvisionComponent provision = new ProvisionComponent();

		private ProvisionBuilder(ConsentProvisionType type) {
			if (type != null) {
				provision.setType(type);
			}
		}

		ProvisionBuilder actor(String... references) {
			for (String reference : references) {
				provision.addActor().setReference(new Reference(reference))
						.setRole(new CodeableConcept(new Coding(
								"http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)));
			}
			return this;
		}

		ProvisionBuilder types(String... resourceTypes) {
			for (String type : resourceTypes) {
				provision.addClass_(new Coding(ConsentCodes.RESOURCE_TYPES_SYSTEM, type, null));
			}
			return this;
		}

		ProvisionBuilder classCoding(String system, String code) {
			provision.addClass_(new Coding(system, code, null));
			return this;
		}

		ProvisionBuilder data(ConsentDataMeaning meaning, String reference) {
			provision.addData().setMeaning(meaning).setReference(new Reference(reference));
			return this;
		}

		ProvisionBuilder purpose(String... codes) {
			for (String code : codes) {
				provision.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", code, null));
			}
			return this;
		}

		ProvisionBuilder action(String... codes) {
			for (String code : codes) {
				provision.addAction(new CodeableConcept(new Coding(ConsentCodes.ACTION_SYSTEM, code, null)));
			}
			return this;
		}

		ProvisionBuilder during(Instant start, Instant end) {
			Period period = new Period();
			if (start != null) {
				period.setStartElement(new DateTimeType(Date.from(start)));
			}
			if (end != null) {
				period.setEndElement(new DateTimeType(Date.from(end)));
			}
			provision.setPeriod(period);
			return this;
		}

		/** A period written as FHIR dateTime strings, keeping their precision ({@code 2025-06-15}). */
		ProvisionBuilder during(String start, String end) {
			Period period = new Period();
			if (start != null) {
				period.setStartElement(new DateTimeType(start));
			}
			if (end != null) {
				period.setEndElement(new DateTimeType(end));
			}
			provision.setPeriod(period);
			return this;
		}

		ProvisionBuilder securityLabel(String system, String code) {
			provision.addSecurityLabel(new Coding(system, code, null));
			return this;
		}

		ProvisionBuilder except(ProvisionBuilder... nested) {
			for (ProvisionBuilder exception : nested) {
				provision.addProvision(exception.build());
			}
			return this;
		}

		ProvisionComponent build() {
			return provision;
		}
	}
}
