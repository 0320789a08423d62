package io.fhirnotary.interceptors.validation;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The references a prescription or consent depends on (patient, prescriber, medication, consent
 * actors) must name stored resources. Checked here, before storage, so the client gets a 422
 * listing every dangling reference at once instead of HAPI's first-failure 400.
 *
 * <p>Only literal {@code Type/id} references of single-resource writes are looked up. Entries of
 * transaction and batch bundles may point at resources the same bundle creates later, by id,
 * {@code urn:uuid:} or conditional {@code Type?search} reference; HAPI resolves those and fails
 * the whole transaction (400) if one does not resolve. Contained ({@code #id}) references and
 * absolute URLs to other servers are not ours to check.
 */
public final class ReferencesResolveCheck implements ResourceCheck {

	/** FHIRPath expressions (from the resource root) of the references to check, per type. */
	static final Map<String, List<String>> PATHS = Map.of(
			"MedicationRequest", List.of(
					"MedicationRequest.subject", "MedicationRequest.requester", "MedicationRequest.medicationReference"),
			"MedicationDispense", List.of(
					"MedicationDispense.subject", "MedicationDispense.medicationReference",
					"MedicationDispense.authorizingPrescription"),
			"Consent", List.of("Consent.patient", "Consent.provision.actor.reference",
					"Consent.provision.provision.actor.reference"));

	private final StoredResources stored;
	private final ca.uhn.fhir.fhirpath.IFhirPath fhirPath;

	public ReferencesResolveCheck(StoredResources stored, ca.uhn.fhir.fhirpath.IFhirPath fhirPath) {
		this.stored = stored;
		this.fhirPath = fhirPath;
	}

	@Override
	public void check(Resource resource, WriteContext context, ValidationIssues issues) {
		if (context.insideBundle()) {
			return;
		}
		for (String path : PATHS.getOrDefault(resource.fhirType(), List.of())) {
			List<Base> found = fhirPath.evaluate(resource, path, Base.class);
			for (int i = 0; i < found.size(); i++) {
				if (found.get(i) instanceof Reference reference) {
					checkOne(reference, found.size() == 1 ? path : path + "[" + i + "]", issues);
				}
			}
		}
	}

	private void checkOne(Reference reference, String location, ValidationIssues issues) {
		String value = reference.getReference();
		if (value == null || value.isBlank() || value.startsWith("#") || value.startsWith("urn:")
				|| value.contains("?") || value.contains("://")) {
			return;
		}
		String[] parts = value.split("/");
		if (parts.length < 2 || parts.length > 4) {
			issues.error(IssueType.INVALID, location, "Reference '" + value + "' is not of the form Type/id");
			return;
		}
		if (!stored.exists(parts[0], parts[1])) {
			issues.error(IssueType.NOTFOUND, location, "Reference '" + parts[0] + "/" + parts[1] + "' names no stored resource");
		}
	}
}
