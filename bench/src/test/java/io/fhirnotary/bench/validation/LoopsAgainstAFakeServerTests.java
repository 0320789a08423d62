package io.fhirnotary.bench.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request loops against an in-process HTTP server standing in for the FHIR server. */
class LoopsAgainstAFakeServerTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SERVER_DELAY_MILLIS = 5;

  private HttpServer server;
  private ExecutorService serverThreads;
  private FhirEndpoint endpoint;
  private final AtomicInteger createsReceived = new AtomicInteger();
  private final AtomicInteger othersCreated = new AtomicInteger();
  private final List<String> problemsSeenByServer = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> prescribedFor = ConcurrentHashMap.newKeySet();
  private final Set<String> codesAsked = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newFixedThreadPool(8);
    server.setExecutor(serverThreads);
    server.createContext("/fhir/Patient", exchange -> createEmpty(exchange, "Patient"));
    server.createContext("/fhir/Practitioner", exchange -> createEmpty(exchange, "Practitioner"));
    server.createContext("/fhir/MedicationRequest", this::createPrescription);
    server.createContext("/fhir/CodeSystem/$validate-code", this::validateCode);
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
  void createsPrescribersThenPostsValidPrescriptionsCountingRejectionsAsErrors()
      throws Exception {
    Prescribers prescribers = Prescribers.create(endpoint);
    assertThat(prescribers.patientIds()).hasSize(Prescribers.PATIENTS).doesNotHaveDuplicates();
    assertThat(prescribers.practitionerIds()).hasSize(Prescribers.PRACTITIONERS);
    List<String> bodies =
        Prescriptions.rotation(prescribers.patientIds(), prescribers.practitionerIds());
    Failures failures = new Failures();

    long started = System.nanoTime();
    LoopResult result = new CreateLoop(endpoint).run(bodies, 40, 3, failures);
    double elapsedSeconds = (System.nanoTime() - started) / 1e9;

    assertThat(problemsSeenByServer).isEmpty();
    assertThat(createsReceived).hasValue(40);
    assertThat(prescribedFor).containsExactlyInAnyOrderElementsOf(
        prescribers.patientIds().stream().map(id -> "Patient/" + id).toList());
    // The fake rejects every 5th create with 422.
    assertThat(result.concurrency()).isEqualTo(3);
    assertThat(result.requests()).isEqualTo(32);
    assertThat(result.errors()).isEqualTo(8);
    assertThat(failures.count()).isEqualTo(8);
    assertThat(failures.examples()).hasSize(3).allMatch(e -> e.startsWith("create: HTTP 422: "));
    assertThat(result.p50Millis())
        .isGreaterThanOrEqualTo(SERVER_DELAY_MILLIS)
        .isLessThanOrEqualTo(result.p99Millis());
    assertThat(result.perSecond())
        .isGreaterThanOrEqualTo(32 / elapsedSeconds)
        .isLessThanOrEqualTo(3 * 1000.0 / SERVER_DELAY_MILLIS);
  }

  @Test
  void errorsOfALaterLoopAreCountedForThatLoopOnly() throws Exception {
    List<String> bodies = Prescriptions.rotation(List.of("p"), List.of("d"));
    Failures failures = new Failures();
    CreateLoop loop = new CreateLoop(endpoint);

    LoopResult first = loop.run(bodies, 5, 1, failures);
    LoopResult second = loop.run(bodies, 5, 1, failures);

    // The fake rejects creates number 5 and 10.
    assertThat(first.errors()).isEqualTo(1);
    assertThat(second.errors()).isEqualTo(1);
    assertThat(first.requests()).isEqualTo(4);
    assertThat(second.requests()).isEqualTo(4);
    assertThat(failures.count()).isEqualTo(2);
  }

  @Test
  void checksEveryValidateCodeAnswerAndCountsWrongOnesAsErrors() throws Exception {
    Failures failures = new Failures();

    LoopResult result =
        new CodeCheckLoop(endpoint, CodeChecks.rotation())
            .run(2, Duration.ofMillis(100), Duration.ofMillis(600), failures);

    assertThat(codesAsked).containsExactlyInAnyOrder("314076", "99999991", "197361", "99999992");
    // The fake claims to know 99999992, a quarter of the questions.
    assertThat(result.errors()).isPositive();
    assertThat(failures.examples())
        .isNotEmpty()
        .allMatch(e -> e.equals("$validate-code 99999992: result true, expected false"));
    assertThat(result.requests()).isPositive();
    assertThat(result.p50Millis())
        .isGreaterThanOrEqualTo(SERVER_DELAY_MILLIS)
        .isLessThanOrEqualTo(result.p99Millis());
    assertThat(result.perSecond()).isEqualTo(result.requests() / 0.6);
  }

  private void createEmpty(HttpExchange exchange, String type) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    if (!exchange.getRequestMethod().equals("POST")
        || !type.equals(body.path("resourceType").asText())) {
      respond(exchange, 400, "{}");
      return;
    }
    String id = type.toLowerCase() + "-" + othersCreated.incrementAndGet();
    exchange
        .getResponseHeaders()
        .add("Location", "http://fake/fhir/" + type + "/" + id + "/_history/1");
    respond(exchange, 201, "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"}");
  }

  private void createPrescription(HttpExchange exchange) throws IOException {
    int number = createsReceived.incrementAndGet();
    String problem = problemWith(exchange);
    if (problem != null) {
      problemsSeenByServer.add(problem);
    }
    pause();
    if (number % 5 == 0) {
      respond(exchange, 422, "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}");
    } else {
      respond(exchange, 201, "{\"resourceType\":\"MedicationRequest\",\"id\":\"" + number + "\"}");
    }
  }

  /** What a FHIR server would object to in the request, or null. */
  private String problemWith(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return "method " + exchange.getRequestMethod();
    }
    if (!FhirEndpoint.FHIR_JSON.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      return "content type " + exchange.getRequestHeaders().getFirst("Content-Type");
    }
    JsonNode request;
    try {
      request = JSON.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      return "not JSON: " + e.getMessage();
    }
    prescribedFor.add(request.at("/subject/reference").asText());
    if (!request.path("resourceType").asText().equals("MedicationRequest")
        || !request.at("/requester/reference").asText().startsWith("Practitioner/")
        || !request.at("/medicationCodeableConcept/coding/0/system").asText()
            .equals(Prescriptions.RXNORM)) {
      return "not a prescription: " + request;
    }
    return null;
  }

  private void validateCode(HttpExchange exchange) throws IOException {
    String code = null;
    for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
      String[] nameValue = pair.split("=", 2);
      if (nameValue[0].equals("code")) {
        code = URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8);
      }
    }
    codesAsked.add(String.valueOf(code));
    pause();
    boolean known = Set.of("314076", "197361", "99999992").contains(code);
    respond(
        exchange,
        200,
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":"
            + known
            + "}]}");
  }

  private static void pause() {
    try {
      Thread.sleep(SERVER_DELAY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", FhirEndpoint.FHIR_JSON);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
