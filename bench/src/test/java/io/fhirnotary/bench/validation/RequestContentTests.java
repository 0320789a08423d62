package io.fhirnotary.bench.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestContentTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void prescriptionIsAValidActiveOrderWithRxNormCodeAndUcumDose() throws Exception {
    JsonNode request =
        JSON.readTree(
            Prescriptions.medicationRequest("p1", "d1", Prescriptions.MEDICATIONS.get(0)));

    assertThat(request.path("resourceType").asText()).isEqualTo("MedicationRequest");
    assertThat(request.path("status").asText()).isEqualTo("active");
    assertThat(request.path("intent").asText()).isEqualTo("order");
    assertThat(request.at("/subject/reference").asText()).isEqualTo("Patient/p1");
    assertThat(request.at("/requester/reference").asText()).isEqualTo("Practitioner/d1");
    JsonNode coding = request.at("/medicationCodeableConcept/coding/0");
    assertThat(coding.path("system").asText())
        .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
    assertThat(coding.path("code").asText()).isEqualTo("314076");
    assertThat(coding.path("display").asText()).isEqualTo("lisinopril 10 MG Oral Tablet");
    JsonNode dose = request.at("/dosageInstruction/0/doseAndRate/0/doseQuantity");
    assertThat(dose.path("value").asInt()).isEqualTo(10);
    assertThat(dose.path("system").asText()).isEqualTo("http://unitsofmeasure.org");
    assertThat(dose.path("code").asText()).isEqualTo("mg");
  }

  @Test
  void rotationCoversEveryPatientAndMedicationAndSharesThePractitioners() throws Exception {
    List<String> bodies = Prescriptions.rotation(List.of("a", "b", "c"), List.of("x", "y"));

    assertThat(bodies).hasSize(6);
    List<String> pairs =
        bodies.stream()
            .map(RequestContentTests::parse)
            .map(
                r ->
                    r.at("/subject/reference").asText()
                        + " "
                        + r.at("/medicationCodeableConcept/coding/0/code").asText()
                        + " "
                        + r.at("/requester/reference").asText())
            .toList();
    assertThat(pairs)
        .containsExactly(
            "Patient/a 314076 Practitioner/x",
            "Patient/a 197361 Practitioner/y",
            "Patient/b 314076 Practitioner/x",
            "Patient/b 197361 Practitioner/y",
            "Patient/c 314076 Practitioner/x",
            "Patient/c 197361 Practitioner/y");
    assertThatThrownBy(() -> Prescriptions.rotation(List.of(), List.of("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createdIdComesFromTheLocationHeaderOrElseTheBody() {
    assertThat(
            CreatedIds.of(
                "Patient",
                Optional.of("http://127.0.0.1:8080/fhir/Patient/0151-7a03/_history/1"),
                ""))
        .contains("0151-7a03");
    assertThat(CreatedIds.fromLocation("Practitioner", "http://h/fhir/Practitioner/42"))
        .contains("42");
    assertThat(
            CreatedIds.of(
                "Patient", Optional.empty(), "{\"resourceType\":\"Patient\",\"id\":\"7\"}"))
        .contains("7");
    assertThat(
            CreatedIds.of(
                "Patient",
                Optional.of("http://h/fhir/Other/1"),
                "{\"resourceType\":\"OperationOutcome\",\"id\":\"7\"}"))
        .isEmpty();
    assertThat(CreatedIds.of("Patient", Optional.empty(), "not json")).isEmpty();
  }

  @Test
  void codeChecksAlternateKnownAndUnknownCodes() {
    List<CodeChecks.Check> checks = CodeChecks.rotation();

    assertThat(checks)
        .extracting(CodeChecks.Check::known)
        .containsExactly(true, false, true, false);
    assertThat(checks.get(0).query())
        .isEqualTo(
            "CodeSystem/$validate-code?url=http%3A%2F%2Fwww.nlm.nih.gov%2Fresearch%2Fumls%2Frxnorm"
                + "&code=314076");
    assertThat(checks.get(2).code()).isEqualTo("197361");
    assertThat(checks.get(1).code()).isNotIn("314076", "197361");
  }

  @Test
  void aRightAnswerIsAParametersResourceWithTheExpectedResult() {
    CodeChecks.Check known = CodeChecks.check("314076", true);
    CodeChecks.Check unknown = CodeChecks.check("99999991", false);
    String yes =
        "{\"resourceType\":\"Parameters\",\"parameter\":["
            + "{\"name\":\"result\",\"valueBoolean\":true},"
            + "{\"name\":\"display\",\"valueString\":\"lisinopril 10 MG Oral Tablet\"}]}";
    String no =
        "{\"resourceType\":\"Parameters\",\"parameter\":["
            + "{\"name\":\"message\",\"valueString\":\"x\"},"
            + "{\"name\":\"result\",\"valueBoolean\":false}]}";
    String textResult =
        "{\"resourceType\":\"Parameters\",\"parameter\":["
            + "{\"name\":\"result\",\"valueString\":\"true\"}]}";

    assertThat(CodeChecks.result(yes)).contains(true);
    assertThat(CodeChecks.result(no)).contains(false);
    assertThat(CodeChecks.problem(known, 200, yes)).isEmpty();
    assertThat(CodeChecks.problem(unknown, 200, no)).isEmpty();
    assertThat(CodeChecks.problem(known, 200, no))
        .hasValueSatisfying(p -> assertThat(p).contains("result false, expected true"));
    assertThat(CodeChecks.problem(known, 404, "{\"resourceType\":\"OperationOutcome\"}"))
        .hasValueSatisfying(p -> assertThat(p).contains("HTTP 404: {\"resourceType\""));
    assertThat(CodeChecks.problem(known, 200, "{\"resourceType\":\"Bundle\"}"))
        .hasValueSatisfying(p -> assertThat(p).contains("no Parameters with a boolean result"));
    assertThat(CodeChecks.result(textResult)).isEmpty();
    assertThat(CodeChecks.result("<html>")).isEmpty();
  }

  @Test
  void failureDescriptionsStayOnOneShortLine() {
    assertThat(Failures.describe(422, "{\n  \"issue\": []\n}"))
        .isEqualTo("HTTP 422: { \"issue\": [] }");
    assertThat(Failures.describe(500, "")).isEqualTo("HTTP 500");
    assertThat(Failures.describe(500, "x".repeat(1000))).hasSize("HTTP 500: ".length() + 304);

    Failures failures = new Failures();
    for (int i = 0; i < 5; i++) {
      failures.record("problem " + i);
    }
    assertThat(failures.count()).isEqualTo(5);
    assertThat(failures.examples()).containsExactly("problem 0", "problem 1", "problem 2");
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
