package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patients and practitioners the benchmark's prescriptions refer to, created on the server
 * under test before anything is measured (protected mode rejects references that do not resolve).
 */
record Prescribers(List<String> patientIds, List<String> practitionerIds) {

  static final int PATIENTS = 8;
  static final int PRACTITIONERS = 2;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  Prescribers {
    patientIds = List.copyOf(patientIds);
    practitionerIds = List.copyOf(practitionerIds);
  }

  static Prescribers create(FhirEndpoint endpoint)
      throws MeasurementFailure, IOException, InterruptedException {
    return new Prescribers(
        createEmpty(endpoint, "Patient", PATIENTS),
        createEmpty(endpoint, "Practitioner", PRACTITIONERS));
  }

  private static List<String> createEmpty(FhirEndpoint endpoint, String type, int count)
      throws MeasurementFailure, IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpRequest request =
          endpoint
              .request(type, TIMEOUT)
              .header("Content-Type", FhirEndpoint.FHIR_JSON)
              .POST(HttpRequest.BodyPublishers.ofString(Prescriptions.emptyResource(type)))
              .build();
      HttpResponse<String> response =
          endpoint.client().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new MeasurementFailure(
            "creating a "
                + type
                + ": "
                + Failures.describe(response.statusCode(), response.body()));
      }
      Optional<String> id =
          CreatedIds.of(type, response.headers().firstValue("Location"), response.body());
      ids.add(
          id.orElseThrow(
              () -> new MeasurementFailure("the server created a " + type + " but named no id")));
    }
    return List.copyOf(ids);
  }
}
