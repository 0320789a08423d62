package io.fhirnotary.interceptors.audit;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The code systems and codes the events use; displays as the FHIR R4 code systems spell them.
 * Every method returns a new instance, since HAPI model objects are mutable.
 */
final class AuditCodes {

	static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
	static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
	static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
	/** IHE BALP's authorization-decision subtypes (not part of FHIR R4; validators report it unknown). */
	static final String BALP_AUTHZ_SUBTYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
	static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
	static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
	static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
	static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
	static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";
	static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
	static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
	static final String SECURITY_ROLE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";

	/** Purpose of use: emergency treatment, the break-the-glass code. */
	static final String EMERGENCY_TREATMENT = "ETREAT";

	private AuditCodes() {}

	/** Event type of every RESTful event (BALP). */
	static Coding restfulOperation() {
		return new Coding(EVENT_TYPE, "rest", "RESTful Operation");
	}

	/** Event type of an authorization decision (BALP {@code AuthZconsent}). */
	static Coding securityAlert() {
		return new Coding(DICOM, "110113", "Security Alert");
	}

	static Coding interaction(AuditAction action) {
		return new Coding(RESTFUL_INTERACTION, action.interaction(), action.interaction());
	}

	static Coding decidedByConsent() {
		return new Coding(BALP_AUTHZ_SUBTYPE, "AuthZ-Consent", "Authorization Decision using Roles and Consent");
	}

	static Coding decidedByRole() {
		return new Coding(BALP_AUTHZ_SUBTYPE, "AuthZ-Role", "Authorization Decision using only Roles");
	}

	static Coding applicationServer() {
		return new Coding(SOURCE_TYPE, "4", "Application Server");
	}

	static CodeableConcept application() {
		return new CodeableConcept(new Coding(DICOM, "110150", "Application"));
	}

	static CodeableConcept informationRecipient() {
		return new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient"));
	}

	static CodeableConcept healthcareProvider() {
		return new CodeableConcept(new Coding(ROLE_CLASS, "PROV", "healthcare provider"));
	}

	static CodeableConcept authorizationServer() {
		return new CodeableConcept(new Coding(SECURITY_ROLE, "authserver", "authorization server"));
	}

	static Coding person() {
		return new Coding(ENTITY_TYPE, "1", "Person");
	}

	static Coding systemObject() {
		return new Coding(ENTITY_TYPE, "2", "System Object");
	}

	static Coding patientRole() {
		return new Coding(OBJECT_ROLE, "1", "Patient");
	}

	static Coding domainResourceRole() {
		return new Coding(OBJECT_ROLE, "4", "Domain Resource");
	}

	static Coding queryRole() {
		return new Coding(OBJECT_ROLE, "24", "Query");
	}

	static Coding resourceType(String type) {
		return new Coding(RESOURCE_TYPES, type, type);
	}

	static Coding requestIdType() {
		return new Coding(BALP_ENTITY_TYPE, "XrequestId", "transport specific unique identifier where http X-Request-Id is used");
	}

	/** A purpose-of-use code as HL7 v3 ActReason; no display, since the code comes from a token. */
	static CodeableConcept purpose(String code) {
		return new CodeableConcept(new Coding(ACT_REASON, code, null));
	}

	/** The security label that marks an event as emergency access ({@code _security=…|ETREAT}). */
	static Coding emergencyLabel() {
		return new Coding(ACT_REASON, EMERGENCY_TREATMENT, "Emergency Treatment");
	}
}
