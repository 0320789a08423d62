package io.fhirnotary.bench.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code CodeSystem/$validate-code} questions of the benchmark, alternating codes the server
 * knows and codes it does not, and how to tell a right answer from a wrong one.
 */
final class CodeChecks {

  /** One question and the {@code result} a correct server gives. */
  record Check(String query, String code, boolean known) {}

  /** Not RxNorm concept ids (RxNorm has none this long). */
  static final List<String> UNKNOWN_CODES = List.of("99999991", "99999992");

  private static final ObjectMapper JSON = new ObjectMapper();

  private CodeChecks() {}

  /** Known, unknown, known, unknown: each client works through them in turn. */
  static List<Check> rotation() {
    List<String> known =
        Prescriptions.MEDICATIONS.stream().map(Prescriptions.Medication::code).toList();
    if (known.size() != UNKNOWN_CODES.size()) {
      throw new IllegalStateException("as many unknown codes as known ones, to alternate");
    }
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      checks.add(check(known.get(i), true));
      checks.add(check(UNKNOWN_CODES.get(i), false));
    }
    return List.copyOf(checks);
  }

  static Check check(String code, boolean known) {
    return new Check(
        "CodeSystem/$validate-code?url="
            + URLEncoder.encode(Prescriptions.RXNORM, StandardCharsets.UTF_8)
            + "&code="
            + URLEncoder.encode(code, StandardCharsets.UTF_8),
        code,
        known);
  }

  /**
   * The {@code result} of a {@code Parameters} answer; empty when the body is not a Parameters
   * resource with a boolean {@code result}.
   */
  static Optional<Boolean> result(String body) {
    JsonNode parameters;
    try {
      parameters = JSON.readTree(body);
    } catch (Exception e) {
      return Optional.empty();
    }
    if (parameters == null || !"Parameters".equals(parameters.path("resourceType").asText())) {
      return Optional.empty();
    }
    for (JsonNode parameter : parameters.path("parameter")) {
      if ("result".equals(parameter.path("name").asText())
          && parameter.path("valueBoolean").isBoolean()) {
        return Optional.of(parameter.path("valueBoolean").booleanValue());
      }
    }
    return Optional.empty();
  }

  /** Why an answer is wrong, or empty when it is right. */
  static Optional<String> problem(Check check, int status, String body) {
    if (status != 200) {
      return Optional.of(check.code() + ": " + Failures.describe(status, body));
    }
    Optional<Boolean> result = result(body);
    if (result.isEmpty()) {
      return Optional.of(
          check.code()
              + ": no Parameters with a boolean result: "
              + Failures.abbreviate(body.strip(), 300));
    }
    if (result.get() != check.known()) {
      return Optional.of(
          check.code() + ": result " + result.get() + ", expected " + check.known());
    }
    return Optional.empty();
  }
}
