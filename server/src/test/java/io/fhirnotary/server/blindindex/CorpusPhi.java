package io.fhirnotary.server.blindindex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Every PHI string of the corpus, taken from the corpus itself, by category: what must never be
 * found in a dump of a protected server. Strings shorter than four characters (state "MA",
 * country "US") and placeholders made of one repeated character (Synthea's postal code
 * "00000") are left out: they would match anywhere and identify no one.
 */
final class CorpusPhi {

	/** Categories whose strings are prefixes of longer values (see {@link DumpScan}). */
	static final Set<String> PREFIX_CATEGORIES = Set.of("note");

	private final Map<String, Set<String>> byCategory = new LinkedHashMap<>();

	static CorpusPhi of(List<Bundle> patientBundles) {
		CorpusPhi phi = new CorpusPhi();
		for (Bundle bundle : patientBundles) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				phi.collect(entry.getResource());
			}
		}
		return phi;
	}

	Map<String, Set<String>> byCategory() {
		return byCategory;
	}

	List<String> all() {
		List<String> all = new ArrayList<>();
		byCategory.values().forEach(all::addAll);
		return all;
	}

	private void collect(Resource resource) {
		if (resource instanceof Patient patient) {
			for (HumanName name : patient.getName()) {
				add("patient name", name.getFamily());
				name.getGiven().forEach(g -> add("patient name", g.getValue()));
			}
			for (Address address : patient.getAddress()) {
				address.getLine().forEach(l -> add("address line", l.getValue()));
				add("city", address.getCity());
				add("postal code", address.getPostalCode());
			}
			for (ContactPoint telecom : patient.getTelecom()) {
				add("phone/e-mail", telecom.getValue());
			}
			for (Identifier identifier : patient.getIdentifier()) {
				add("identifier (" + typeOf(identifier) + ")", identifier.getValue());
			}
			if (patient.hasBirthDateElement()) {
				String birthDate = patient.getBirthDateElement().getValueAsString();
				add("birth date", birthDate);
				add("birth date", birthDate.replace("-", "")); // HAPI's date ordinals (yyyymmdd)
			}
		} else if (resource instanceof MedicationRequest request) {
			if (request.hasMedicationCodeableConcept()) {
				medication(request.getMedicationCodeableConcept());
			}
			request.getDosageInstruction().stream().map(Dosage::getText).forEach(t -> add("dosage text", t));
			request.getNote().forEach(n -> add("note", n.getText()));
		} else if (resource instanceof Medication medication) {
			medication(medication.getCode());
		} else if (resource instanceof MedicationAdministration administration) {
			if (administration.hasMedicationCodeableConcept()) {
				medication(administration.getMedicationCodeableConcept());
			}
		} else if (resource instanceof DocumentReference document) {
			document.getContent().forEach(c -> note(c.getAttachment()));
		} else if (resource instanceof DiagnosticReport report) {
			report.getPresentedForm().forEach(this::note);
		}
	}

	private void medication(CodeableConcept concept) {
		for (Coding coding : concept.getCoding()) {
			add("medication code", coding.getCode());
			add("medication display", coding.getDisplay());
		}
		add("medication display", concept.getText());
	}

	/** Clinical notes travel as base64 attachments; their encoded form is what a dump would show. */
	private void note(Attachment attachment) {
		if (attachment.hasDataElement()) {
			String encoded = attachment.getDataElement().getValueAsString();
			add("note", encoded.substring(0, Math.min(64, encoded.length())));
		}
	}

	private static String typeOf(Identifier identifier) {
		if (identifier.getType().hasCoding()) {
			return identifier.getType().getCodingFirstRep().getCode();
		}
		return identifier.hasSystem() ? identifier.getSystem() : "no system";
	}

	private void add(String category, String value) {
		if (value == null) {
			return;
		}
		String trimmed = value.trim();
		if (trimmed.length() < 4 || trimmed.chars().distinct().count() == 1) {
			return;
		}
		byCategory.computeIfAbsent(category, c -> new LinkedHashSet<>()).add(trimmed);
	}
}
