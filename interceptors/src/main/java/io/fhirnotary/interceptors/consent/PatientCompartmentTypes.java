package io.fhirnotary.interceptors.consent;

import java.util.Set;

/**
 * The R4 resource types that are members of the Patient compartment (CompartmentDefinition
 * {@code patient}, as HAPI FHIR 8.8.0's R4 model declares it; a test checks the two agree).
 *
 * <p>A resource of one of these types that the adapter found in no patient's compartment is
 * patient data whose owner nobody can tell (a Consent without {@code patient}, an Observation
 * about a Group): the decision keeps it from everyone but custodians rather than treat it like
 * an Organization.
 */
final class PatientCompartmentTypes {

	static final Set<String> TYPES = Set.of(
			"Account", "AdverseEvent", "AllergyIntolerance", "Appointment", "AppointmentResponse",
			"AuditEvent", "Basic", "BodyStructure", "CarePlan", "CareTeam", "ChargeItem", "Claim",
			"ClaimResponse", "ClinicalImpression", "Communication", "CommunicationRequest", "Composition",
			"Condition", "Consent", "Coverage", "CoverageEligibilityRequest", "CoverageEligibilityResponse",
			"DetectedIssue", "Device", "DeviceRequest", "DeviceUseStatement", "DiagnosticReport",
			"DocumentManifest", "DocumentReference", "Encounter", "EnrollmentRequest", "EpisodeOfCare",
			"ExplanationOfBenefit", "FamilyMemberHistory", "Flag", "Goal", "Group", "ImagingStudy",
			"Immunization", "ImmunizationEvaluation", "ImmunizationRecommendation", "Invoice", "List",
			"MeasureReport", "Media", "MedicationAdministration", "MedicationDispense", "MedicationRequest",
			"MedicationStatement", "MolecularSequence", "NutritionOrder", "Observation", "Patient", "Person",
			"Procedure", "Provenance", "QuestionnaireResponse", "RelatedPerson", "RequestGroup",
			"ResearchSubject", "RiskAssessment", "Schedule", "ServiceRequest", "Specimen", "SupplyDelivery",
			"SupplyRequest", "VisionPrescription");

	private PatientCompartmentTypes() {}

	static boolean contains(String resourceType) {
		return TYPES.contains(resourceType);
	}
}
