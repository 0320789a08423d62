package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PharmacyPullTests {

  private HttpServer server;
  private ExecutorService serverThreads;
  private FhirEndpoint endpoint;
  private final Set<String> queries = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newFixedThreadPool(8);
    server.setExecutor(serverThreads);
    server.createContext("/fhir/Patient", this::listPatients);
    server.createContext("/fhir/MedicationRequest", this::searchPrescriptions);
    server.start();
    endpoint =
        FhirEndpoint.create(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir", Optional.empty());
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void listsPatientsAcrossSearchPages() throws Exception {
    List<String> ids = new PatientDirectory(endpoint, new ObjectMapper()).patientIds();

    assertThat(ids).containsExactly("1", "2", "broken");
  }

  @Test
  void asksForEachPatientsActivePrescriptionsAndCountsFailuresApart() throws Exception {
    PullResult result =
        new PharmacyPull(endpoint)
            .run(List.of("1", "2", "broken"), 2, Duration.ZERO, Duration.ofMillis(800));

    assertThat(queries)
        .containsExactlyInAnyOrder(
            "patient=1&status=active", "patient=2&status=active", "patient=broken&status=active");
    assertThat(result.concurrency()).isEqualTo(2);
    assertThat(result.requests()).isPositive();
    assertThat(result.errors()).isPositive();
    assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
    assertThat(result.requestsPerSecond()).isEqualTo(result.requests() / 0.8);
  }

  @Test
  void theCheckPassSendsThePullsRequestsAndCountsOnlyPrescriptions() throws Exception {
    long entries = new PharmacyPull(endpoint).entriesPerPass(List.of("1", "2"), new ObjectMapper());

    assertThat(entries).isEqualTo(2);
    assertThat(queries).containsExactlyInAnyOrder("patient=1&status=active", "patient=2&status=active");
  }

  @Test
  void theCheckPassFailsOnAnAnswerOtherThan200() {
    assertThatThrownBy(
            () -> new PharmacyPull(endpoint).entriesPerPass(List.of("1", "broken"), new ObjectMapper()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("patient broken answered HTTP 500");
  }

  private void listPatients(HttpExchange exchange) throws IOException {
    String port = Integer.toString(server.getAddress().getPort());
    boolean secondPage = String.valueOf(exchange.getRequestURI().getQuery()).contains("page=2");
    String body =
        secondPage
            ? "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"broken\"}}]}"
            : "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                  + "\"link\":[{\"relation\":\"self\",\"url\":\"x\"},{\"relation\":\"next\",\"url\":\"http://127.0.0.1:"
                + port
                + "/fhir/Patient?page=2\"}],"
                + "\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"1\"}},{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"2\"}}]}";
    respond(exchange, 200, body);
  }

  private void searchPrescriptions(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    queries.add(query);
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (query.contains("broken")) {
      respond(exchange, 500, "{}");
    } else if (query.startsWith("patient=1&")) {
      respond(
          exchange,
          200,
          "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":["
              + "{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"a\"}},"
              + "{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"b\"}},"
              + "{\"resource\":{\"resourceType\":\"OperationOutcome\"},\"search\":{\"mode\":\"outcome\"}}]}");
    } else {
      respond(exchange, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
