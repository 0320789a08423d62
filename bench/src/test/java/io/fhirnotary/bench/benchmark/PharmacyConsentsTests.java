package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PharmacyConsentsTests {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void storesThePharmacyAndOneConsentPerPatientInOneTransaction() {
    JsonNode bundle =
        PharmacyConsents.transaction(json, List.of("p1", "p2"), Instant.parse("2025-01-01T10:00:00.123Z"));

    assertThat(bundle.path("type").asText()).isEqualTo("transaction");
    assertThat(bundle.path("entry")).hasSize(3);
    JsonNode organization = bundle.path("entry").get(0);
    assertThat(organization.path("request").path("method").asText()).isEqualTo("PUT");
    assertThat(organization.path("request").path("url").asText()).isEqualTo("Organization/demo-pharmacy-1");
    assertThat(organization.path("resource").path("id").asText()).isEqualTo("demo-pharmacy-1");
    assertThat(bundle.path("entry").get(1).path("request").path("url").asText()).isEqualTo("Consent");
    assertThat(bundle.path("entry").get(1).path("resource").path("patient").path("reference").asText())
        .isEqualTo("Patient/p1");
    assertThat(bundle.path("entry").get(2).path("resource").path("patient").path("reference").asText())
        .isEqualTo("Patient/p2");
  }

  @Test
  void eachConsentPermitsThePharmacyToAccessPrescriptionsUnderPatientPrivacy() {
    JsonNode consent =
        PharmacyConsents.transaction(json, List.of("p1"), Instant.parse("2025-01-01T10:00:00.123Z"))
            .path("entry")
            .get(1)
            .path("resource");

    assertThat(consent.path("status").asText()).isEqualTo("active");
    assertThat(consent.path("dateTime").asText()).isEqualTo("2025-01-01T10:00:00Z");
    assertThat(coding(consent.path("scope")))
        .isEqualTo("http://terminology.hl7.org/CodeSystem/consentscope|patient-privacy");
    assertThat(coding(consent.path("category").get(0))).isEqualTo("http://loinc.org|59284-0");
    assertThat(consent.path("policyRule").isMissingNode()).isFalse();
    JsonNode provision = consent.path("provision");
    assertThat(provision.path("type").asText()).isEqualTo("permit");
    assertThat(provision.path("period").isMissingNode()).isTrue();
    assertThat(provision.path("actor").get(0).path("reference").path("reference").asText())
        .isEqualTo("Organization/demo-pharmacy-1");
    assertThat(coding(provision.path("actor").get(0).path("role")))
        .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ParticipationType|IRCP");
    assertThat(coding(provision.path("action").get(0)))
        .isEqualTo("http://terminology.hl7.org/CodeSystem/consentaction|access");
    assertThat(provision.path("class").get(0).path("system").asText())
        .isEqualTo("http://hl7.org/fhir/resource-types");
    assertThat(provision.path("class").get(0).path("code").asText()).isEqualTo("MedicationRequest");
  }

  private static String coding(JsonNode codeableConcept) {
    JsonNode coding = codeableConcept.path("coding").get(0);
    return coding.path("system").asText() + "|" + coding.path("code").asText();
  }
}
