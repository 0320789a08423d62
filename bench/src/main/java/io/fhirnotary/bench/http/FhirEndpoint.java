package io.fhirnotary.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * A FHIR server base URL plus what every request to it carries: JSON accept header and, when the
 * server wants one, a bearer token. Thread-safe; one instance is shared by all workers.
 */
public final class FhirEndpoint {

  public static final String FHIR_JSON = "application/fhir+json";

  private final HttpClient client;
  private final String base;
  private final Optional<String> bearerToken;

  public FhirEndpoint(HttpClient client, String base, Optional<String> bearerToken) {
    this.client = client;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.bearerToken = bearerToken;
  }

  /**
   * HTTP/1.1 on purpose: the JDK client would otherwise try an h2c upgrade on every plain-http
   * connection, which servlet containers answer inconsistently and which skews latencies.
   */
  public static FhirEndpoint create(String base, Optional<String> bearerToken) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new FhirEndpoint(client, base, bearerToken);
  }

  public HttpClient client() {
    return client;
  }

  public String base() {
    return base;
  }

  /** Whether requests carry a bearer token. */
  public boolean hasToken() {
    return bearerToken.isPresent();
  }

  /** A request to {@code base + "/" + relative} (or to {@code relative} if it is absolute). */
  public HttpRequest.Builder request(String relative, Duration timeout) {
    String target =
        relative.startsWith("http://") || relative.startsWith("https://")
            ? relative
            : relative.isEmpty() ? base : base + "/" + relative;
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(target)).timeout(timeout).header("Accept", FHIR_JSON);
    bearerToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder;
  }
}
