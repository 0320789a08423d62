package io.fhirnotary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader against a real (in-process) HTTP server standing in for the FHIR server. */
class LoadCommandTests {

  private static final int PATIENTS = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path corpus;

  private HttpServer server;
  private ExecutorService serverThreads;
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxPatientsInFlight = new AtomicInteger();
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private final Map<String, String> headersSeen = new ConcurrentHashMap<>();

  @BeforeEach
  void startServerAndWriteCorpus() throws IOException {
    writeBundle("hospitalInformation1735689600000.json", "batch", "Organization", "org-1", 2);
    writeBundle("practitionerInformation1735689600000.json", "batch", "Practitioner", "pr-1", 2);
    for (int i = 1; i <= PATIENTS; i++) {
      writeBundle(
          "Secretname" + i + "_Family_" + i + ".json",
          "transaction",
          "Patient",
          "patient-" + i,
          3 + i);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newFixedThreadPool(16);
    server.setExecutor(serverThreads);
    server.createContext("/fhir", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void postsSharedBundlesFirstThenPatientsConcurrentlyAndSummarizes() {
    Result result = load("--concurrency", "3");

    assertThat(result.exitCode()).isZero();
    List<String> order = new ArrayList<>(events);
    assertThat(order.subList(0, 4))
        .containsExactly("start org-1", "end org-1", "start pr-1", "end pr-1");
    assertThat(order.subList(4, order.size()))
        .hasSize(2 * PATIENTS)
        .allMatch(e -> e.contains("patient-"));
    assertThat(maxPatientsInFlight.get()).isEqualTo(3);
    assertThat(headersSeen)
        .containsEntry("method", "POST")
        .containsEntry("content-type", "application/fhir+json");
    int resources = 2 + 2 + (4 + 5 + 6 + 7 + 8 + 9);
    assertThat(result.out())
        .contains(
            "Posting 8 bundles (1 hospital, 1 practitioner, 6 patient; " + resources + " resources")
        .contains("Loaded 8 of 8 bundles: " + resources + " resources in ")
        .contains(" 0 errors.");
  }

  @Test
  void neverHasMoreBundlesInFlightThanWorkers() {
    Result result = load("--concurrency", "1");

    assertThat(result.exitCode()).isZero();
    assertThat(maxPatientsInFlight.get()).isEqualTo(1);
  }

  @Test
  void exitsNonZeroAndReportsStatusAndDiagnosticsWhenABundleIsRejected() {
    rejected.add("patient-3");

    Result result = load("--concurrency", "2");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("Loaded 7 of 8 bundles")
        .contains("1 error.")
        .contains("Secretname3_Family_3.json: HTTP 422: Bundle rejected for the test")
        .doesNotContain("\"resourceType\"");
    assertThat(events).contains("end patient-6");
  }

  @Test
  void skipsPatientBundlesWhenTheHospitalBundleFails() {
    rejected.add("org-1");

    Result result = load();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(events).containsExactly("start org-1", "end org-1");
    assertThat(result.out())
        .contains("Loaded 0 of 8 bundles")
        .contains("7 bundles were not posted");
  }

  @Test
  void sendsTheBearerTokenWhenGivenOne() {
    load("--token", "t0ken");

    assertThat(headersSeen).containsEntry("authorization", "Bearer t0ken");
  }

  @Test
  void exitsWithUsageStatusWhenTheServerIsMissing() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new LoadCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
            .run(List.of("--dir", corpus.toString()));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--server is required");
  }

  private record Result(int exitCode, String out) {}

  private Result load(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir",
                "--dir",
                corpus.toString()));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        new LoadCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()))
            .run(args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8));
  }

  private void answer(HttpExchange exchange) throws IOException {
    JsonNode bundle = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String id = bundle.path("entry").get(0).path("resource").path("id").asText();
    headersSeen.put("method", exchange.getRequestMethod());
    headersSeen.put(
        "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      headersSeen.put("authorization", authorization);
    }
    boolean patient = id.startsWith("patient-");
    events.add("start " + id);
    int now = inFlight.incrementAndGet();
    if (patient) {
      maxPatientsInFlight.accumulateAndGet(now, Math::max);
    }
    try {
      Thread.sleep(patient ? 300 : 50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inFlight.decrementAndGet();
    events.add("end " + id);

    if (rejected.contains(id)) {
      respond(
          exchange,
          422,
          "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\",\"diagnostics\":\"Bundle"
              + " rejected for the test\"}]}");
      return;
    }
    StringBuilder response =
        new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"")
            .append(bundle.path("type").asText())
            .append("-response\",\"entry\":[");
    for (int i = 0; i < bundle.path("entry").size(); i++) {
      response.append(i == 0 ? "" : ",").append("{\"response\":{\"status\":\"201 Created\"}}");
    }
    respond(exchange, 200, response.append("]}").toString());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private void writeBundle(
      String fileName, String type, String resourceType, String firstId, int entries)
      throws IOException {
    StringBuilder json =
        new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"")
            .append(type)
            .append("\",\"entry\":[");
    for (int i = 0; i < entries; i++) {
      String id = i == 0 ? firstId : firstId + "-" + i;
      json.append(i == 0 ? "" : ",")
          .append("{\"fullUrl\":\"urn:uuid:")
          .append(id)
          .append("\",\"resource\":{\"resourceType\":\"")
          .append(i == 0 ? resourceType : "Observation")
          .append("\",\"id\":\"")
          .append(id)
          .append("\"},\"request\":{\"method\":\"POST\",\"url\":\"")
          .append(resourceType)
          .append("\"}}");
    }
    Files.writeString(corpus.resolve(fileName), json.append("]}").toString());
  }
}
