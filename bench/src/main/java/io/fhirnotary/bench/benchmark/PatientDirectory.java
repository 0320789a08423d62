package io.fhirnotary.bench.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The ids of the patients on the server, which the pharmacy pull then asks about. */
final class PatientDirectory {

  private final FhirEndpoint endpoint;
  private final ObjectMapper json;

  PatientDirectory(FhirEndpoint endpoint, ObjectMapper json) {
    this.endpoint = endpoint;
    this.json = json;
  }

  /** Follows the search's next links until every patient is listed. */
  List<String> patientIds() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    String next = "Patient?_elements=id&_count=500";
    while (next != null) {
      HttpResponse<byte[]> response =
          endpoint
              .client()
              .send(
                  endpoint.request(next, Duration.ofSeconds(60)).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("listing patients answered HTTP " + response.statusCode());
      }
      JsonNode page = json.readTree(response.body());
      for (JsonNode entry : page.path("entry")) {
        String id = entry.path("resource").path("id").asText("");
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
      next = null;
      for (JsonNode link : page.path("link")) {
        if ("next".equals(link.path("relation").asText())) {
          next = link.path("url").asText();
        }
      }
    }
    return ids;
  }
}
