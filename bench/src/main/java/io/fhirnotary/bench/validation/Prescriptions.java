package io.fhirnotary.bench.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The request bodies of the create benchmark: valid MedicationRequests for patients and
 * practitioners that exist, with RxNorm codes the server knows and UCUM dose units, so that in
 * protected mode every create passes the whole validation and is stored.
 */
final class Prescriptions {

  static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  static final String UCUM = "http://unitsofmeasure.org";

  /** A medication in the server's bundled RxNorm subset, with its strength as the daily dose. */
  record Medication(String code, String display, int doseMilligrams) {}

  static final List<Medication> MEDICATIONS =
      List.of(
          new Medication("314076", "lisinopril 10 MG Oral Tablet", 10),
          new Medication("197361", "amLODIPine 5 MG Oral Tablet", 5));

  private static final ObjectMapper JSON = new ObjectMapper();

  private Prescriptions() {}

  static String emptyResource(String resourceType) {
    return JSON.createObjectNode().put("resourceType", resourceType).toString();
  }

  static String medicationRequest(String patientId, String practitionerId, Medication medication) {
    ObjectNode request = JSON.createObjectNode();
    request.put("resourceType", "MedicationRequest");
    request.put("status", "active");
    request.put("intent", "order");
    request.putObject("subject").put("reference", "Patient/" + patientId);
    request.putObject("requester").put("reference", "Practitioner/" + practitionerId);
    request
        .putObject("medicationCodeableConcept")
        .putArray("coding")
        .addObject()
        .put("system", RXNORM)
        .put("code", medication.code())
        .put("display", medication.display());
    ObjectNode dosage = request.putArray("dosageInstruction").addObject();
    dosage.put("text", "one tablet daily");
    ArrayNode doseAndRate = dosage.putArray("doseAndRate");
    doseAndRate
        .addObject()
        .putObject("doseQuantity")
        .put("value", medication.doseMilligrams())
        .put("unit", "mg")
        .put("system", UCUM)
        .put("code", "mg");
    return request.toString();
  }

  /**
   * One body per patient and medication; practitioners take turns. Clients cycle through the list,
   * so the stored prescriptions spread over all patients.
   */
  static List<String> rotation(List<String> patientIds, List<String> practitionerIds) {
    if (patientIds.isEmpty() || practitionerIds.isEmpty()) {
      throw new IllegalArgumentException("prescriptions need a patient and a practitioner");
    }
    List<String> bodies = new ArrayList<>();
    for (int p = 0; p < patientIds.size(); p++) {
      for (Medication medication : MEDICATIONS) {
        String practitioner = practitionerIds.get(bodies.size() % practitionerIds.size());
        bodies.add(medicationRequest(patientIds.get(p), practitioner, medication));
      }
    }
    return List.copyOf(bodies);
  }
}
