package io.fhirnotary.bench.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every patient shares their prescriptions with the benchmark's pharmacy: one Consent per patient
 * (active, scope {@code patient-privacy}, a permit for {@link DevTokens#PHARMACY_ORGANIZATION} to
 * access MedicationRequests, no end date), written by the custodian in one transaction together
 * with the pharmacy's Organization. Created in both modes, so plain and protected servers hold the
 * same data and answer the pull from the same rows; only protected mode reads them.
 */
final class PharmacyConsents {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final FhirEndpoint custodian;
  private final ObjectMapper json;

  /**
   * @param custodian an endpoint whose requests may write anything (the custodian's token in
   *     protected mode)
   */
  PharmacyConsents(FhirEndpoint custodian, ObjectMapper json) {
    this.custodian = custodian;
    this.json = json;
  }

  /** Stores the Organization and one Consent per patient; all or nothing. */
  void grantAll(List<String> patientIds) throws IOException, InterruptedException {
    String bundle = json.writeValueAsString(transaction(json, patientIds, Instant.now()));
    HttpResponse<byte[]> response =
        custodian
            .client()
            .send(
                custodian
                    .request("", TIMEOUT)
                    .header("Content-Type", FhirEndpoint.FHIR_JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(bundle, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(
          "storing the pharmacy Consents answered HTTP "
              + response.statusCode()
              + ": "
              + diagnostics(response.body()));
    }
    int stored = json.readTree(response.body()).path("entry").size();
    if (stored != patientIds.size() + 1) {
      throw new IOException(
          "the Consent transaction answered "
              + stored
              + " entries for "
              + (patientIds.size() + 1)
              + " sent");
    }
  }

  /** The transaction: PUT the pharmacy's Organization, POST a Consent per patient. */
  static ObjectNode transaction(ObjectMapper json, List<String> patientIds, Instant now) {
    ObjectNode bundle = json.createObjectNode();
    bundle.put("resourceType", "Bundle").put("type", "transaction");
    ArrayNode entries = bundle.putArray("entry");

    String organizationId = DevTokens.PHARMACY_ORGANIZATION.substring("Organization/".length());
    ObjectNode organization = json.createObjectNode();
    organization.put("resourceType", "Organization").put("id", organizationId);
    organization.put("active", true).put("name", "Benchmark Pharmacy");
    ObjectNode organizationEntry = entries.addObject();
    organizationEntry.set("resource", organization);
    organizationEntry
        .putObject("request")
        .put("method", "PUT")
        .put("url", DevTokens.PHARMACY_ORGANIZATION);

    String dateTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
    for (String patientId : patientIds) {
      ObjectNode entry = entries.addObject();
      entry.set("resource", consent(json, "Patient/" + patientId, dateTime));
      entry.putObject("request").put("method", "POST").put("url", "Consent");
    }
    return bundle;
  }

  private static ObjectNode consent(ObjectMapper json, String patient, String dateTime) {
    ObjectNode consent = json.createObjectNode();
    consent.put("resourceType", "Consent").put("status", "active");
    coding(
        consent.putObject("scope"),
        "http://terminology.hl7.org/CodeSystem/consentscope",
        "patient-privacy");
    coding(consent.putArray("category").addObject(), "http://loinc.org", "59284-0");
    consent.putObject("patient").put("reference", patient);
    consent.put("dateTime", dateTime);
    // R4 invariant ppc-1: a Consent names a policy or a policy rule.
    coding(
        consent.putObject("policyRule"),
        "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "OPTIN");
    ObjectNode provision = consent.putObject("provision");
    provision.put("type", "permit");
    ObjectNode actor = provision.putArray("actor").addObject();
    coding(
        actor.putObject("role"),
        "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
        "IRCP");
    actor.putObject("reference").put("reference", DevTokens.PHARMACY_ORGANIZATION);
    coding(
        provision.putArray("action").addObject(),
        "http://terminology.hl7.org/CodeSystem/consentaction",
        "access");
    provision
        .putArray("class")
        .addObject()
        .put("system", "http://hl7.org/fhir/resource-types")
        .put("code", "MedicationRequest");
    return consent;
  }

  private static void coding(ObjectNode codeableConcept, String system, String code) {
    codeableConcept.putArray("coding").addObject().put("system", system).put("code", code);
  }

  private String diagnostics(byte[] body) {
    try {
      StringBuilder text = new StringBuilder();
      for (JsonNode issue : json.readTree(body).path("issue")) {
        if (text.length() > 0) {
          text.append("; ");
        }
        text.append(issue.path("diagnostics").asText(""));
      }
      String all = text.toString();
      return all.length() > 500 ? all.substring(0, 500) + " ..." : all;
    } catch (IOException e) {
      return "(no OperationOutcome)";
    }
  }
}
