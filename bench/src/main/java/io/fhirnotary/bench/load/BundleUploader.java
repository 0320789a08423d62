package io.fhirnotary.bench.load;

import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts one bundle file to the server base ({@code POST [base]}), streaming it from disk so the
 * largest Synthea records do not need to fit in memory twice.
 */
public final class BundleUploader {

  private final FhirEndpoint endpoint;
  private final Duration timeout;
  private final BundleResponseReader responses;

  /**
   * @param timeout per bundle; a large transaction can take minutes on a small machine
   */
  public BundleUploader(FhirEndpoint endpoint, Duration timeout, BundleResponseReader responses) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.responses = responses;
  }

  /** Never throws for server or network trouble: that becomes a failed outcome. */
  public UploadOutcome upload(BundleFile bundle) throws InterruptedException {
    HttpRequest request;
    try {
      request =
          endpoint
              .request("", timeout)
              .header("Content-Type", FhirEndpoint.FHIR_JSON)
              .POST(HttpRequest.BodyPublishers.ofFile(bundle.path()))
              .build();
    } catch (FileNotFoundException e) {
      return UploadOutcome.failed(0, "cannot read the file");
    }
    try {
      HttpResponse<byte[]> response =
          endpoint.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
      return responses.read(response.statusCode(), response.body(), bundle.entries());
    } catch (IOException e) {
      return UploadOutcome.failed(0, "no answer: " + describe(e));
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + " (" + message + ")";
  }
}
