package io.fhirnotary.bench.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** The logical id the server gave a created resource. */
final class CreatedIds {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CreatedIds() {}

  /**
   * From the {@code Location} header ({@code [base]/Patient/<id>/_history/1}) or, failing that,
   * from the {@code id} of the returned resource.
   */
  static Optional<String> of(String resourceType, Optional<String> location, String body) {
    Optional<String> fromLocation = location.flatMap(url -> fromLocation(resourceType, url));
    return fromLocation.isPresent() ? fromLocation : fromBody(resourceType, body);
  }

  static Optional<String> fromLocation(String resourceType, String url) {
    String marker = "/" + resourceType + "/";
    int at = url.lastIndexOf(marker);
    if (at < 0) {
      return Optional.empty();
    }
    String rest = url.substring(at + marker.length());
    int end = rest.indexOf('/');
    String id = end < 0 ? rest : rest.substring(0, end);
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  private static Optional<String> fromBody(String resourceType, String body) {
    try {
      JsonNode resource = JSON.readTree(body);
      if (resource == null || !resourceType.equals(resource.path("resourceType").asText())) {
        return Optional.empty();
      }
      String id = resource.path("id").asText("");
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
