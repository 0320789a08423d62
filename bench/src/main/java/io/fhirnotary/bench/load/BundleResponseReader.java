package io.fhirnotary.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the server's answer to a posted bundle into an {@link UploadOutcome}.
 *
 * <p>The HTTP status is not the whole story: a <em>batch</em> is answered with 200 even when some
 * of its entries failed, each failure showing only in its entry's {@code response.status}. So a 2xx
 * answer is read entry by entry.
 *
 * <p>Error texts hold the status and the OperationOutcome diagnostics only. Anything else the
 * server sent back (an HTML error page, echoed input) is left out: it may be patient data.
 */
public final class BundleResponseReader {

  static final int MAX_DIAGNOSTICS_LENGTH = 300;

  private final ObjectMapper json;

  public BundleResponseReader(ObjectMapper json) {
    this.json = json;
  }

  public UploadOutcome read(int httpStatus, byte[] body, int entriesSent) {
    JsonNode answer = parse(body);
    if (httpStatus < 200 || httpStatus > 299) {
      return UploadOutcome.failed(0, "HTTP " + httpStatus + withDiagnostics(answer));
    }
    JsonNode entries = answer == null ? null : answer.get("entry");
    if (entries == null || !entries.isArray()) {
      // Nothing to check entry by entry (e.g. Prefer: return=minimal); the status says it all.
      return UploadOutcome.stored(entriesSent);
    }
    int stored = 0;
    int failed = 0;
    String firstFailure = null;
    for (int i = 0; i < entries.size(); i++) {
      JsonNode response = entries.get(i).path("response");
      String status = response.path("status").asText("");
      if (status.startsWith("2")) {
        stored++;
      } else {
        failed++;
        if (firstFailure == null) {
          firstFailure =
              "entry " + (i + 1) + ": " + status + withDiagnostics(response.get("outcome"));
        }
      }
    }
    if (failed == 0) {
      return UploadOutcome.stored(stored);
    }
    String more = failed > 1 ? " (and " + (failed - 1) + " more failed entries)" : "";
    return UploadOutcome.failed(stored, "HTTP " + httpStatus + ", " + firstFailure + more);
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code ": <diagnostics>"} of an OperationOutcome, or {@code ""} when there is none. */
  static String withDiagnostics(JsonNode outcome) {
    if (outcome == null || !"OperationOutcome".equals(outcome.path("resourceType").asText())) {
      return "";
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode issue : outcome.path("issue")) {
      String text = issue.path("diagnostics").asText("");
      if (text.isEmpty()) {
        text = issue.path("details").path("text").asText("");
      }
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    if (texts.isEmpty()) {
      return "";
    }
    String joined = String.join("; ", texts).replaceAll("\\s+", " ");
    if (joined.length() > MAX_DIAGNOSTICS_LENGTH) {
      joined = joined.substring(0, MAX_DIAGNOSTICS_LENGTH) + "...";
    }
    return ": " + joined;
  }
}
