package io.fhirnotary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BundleResponseReaderTests {

  private final BundleResponseReader reader = new BundleResponseReader(new ObjectMapper());

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String outcome(String diagnostics) {
    return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
               + "\"diagnostics\":\""
        + diagnostics
        + "\"}]}";
  }

  @Test
  void aSuccessfulTransactionStoresEveryEntry() {
    String response =
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":[{\"response\":{\"status\":\"201"
            + " Created\"}},{\"response\":{\"status\":\"201 Created\"}}]}";

    UploadOutcome outcome = reader.read(200, utf8(response), 2);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.storedEntries()).isEqualTo(2);
    assertThat(outcome.error()).isEmpty();
  }

  @Test
  void anEmptySuccessfulAnswerCountsTheEntriesSent() {
    UploadOutcome outcome = reader.read(200, new byte[0], 7);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.storedEntries()).isEqualTo(7);
  }

  @Test
  void aRejectedBundleReportsStatusAndDiagnostics() {
    UploadOutcome outcome = reader.read(422, utf8(outcome("HAPI-0543: Invalid reference")), 5);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.storedEntries()).isZero();
    assertThat(outcome.error()).contains("HTTP 422: HAPI-0543: Invalid reference");
  }

  @Test
  void aFailedEntryInsideABatchAnsweredWith200IsStillAFailure() {
    String response =
        "{\"resourceType\":\"Bundle\",\"type\":\"batch-response\",\"entry\":["
            + "{\"response\":{\"status\":\"201 Created\"}},"
            + "{\"response\":{\"status\":\"400 Bad Request\",\"outcome\":"
            + outcome("Unknown resource type")
            + "}},"
            + "{\"response\":{\"status\":\"500 Internal Server Error\"}},"
            + "{\"response\":{\"status\":\"200 OK\"}}]}";

    UploadOutcome outcome = reader.read(200, utf8(response), 4);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.storedEntries()).isEqualTo(2);
    assertThat(outcome.error())
        .contains(
            "HTTP 200, entry 2: 400 Bad Request: Unknown resource type (and 1 more failed"
                + " entries)");
  }

  @Test
  void neverEchoesABodyThatIsNotAnOperationOutcome() {
    String page = "<html><body>Request for Jessie665 Glover433 failed</body></html>";

    UploadOutcome outcome = reader.read(502, utf8(page), 3);

    assertThat(outcome.error()).contains("HTTP 502");
    assertThat(outcome.error().orElseThrow()).doesNotContain("Jessie665");
  }

  @Test
  void cutsVeryLongDiagnostics() {
    String longText = "x".repeat(5000);

    String error = reader.read(400, utf8(outcome(longText)), 1).error().orElseThrow();

    assertThat(error.length()).isLessThan(BundleResponseReader.MAX_DIAGNOSTICS_LENGTH + 20);
    assertThat(error).endsWith("...");
  }
}
