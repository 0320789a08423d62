package io.fhirnotary.bench.validation;

import io.fhirnotary.bench.benchmark.LatencySamples;
import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of {@code POST [base]/MedicationRequest}, shared by N clients in closed loops
 * (each sends its next create when the last one answered). Only 201 counts as success.
 *
 * <p>The rate is right answers per second of wall time from the moment all clients are released
 * until the last one has its answer.
 */
final class CreateLoop {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final FhirEndpoint endpoint;

  CreateLoop(FhirEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * @param bodies sent in turn, request i gets {@code bodies[i % size]}
   * @param failures receives every failed create; the result counts those of this call
   */
  LoopResult run(List<String> bodies, int creates, int clients, Failures failures)
      throws InterruptedException {
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("nothing to create");
    }
    long failedBefore = failures.count();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<LatencySamples> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      LatencySamples mine = new LatencySamples();
      samples.add(mine);
      Runnable client =
          () -> {
            try {
              go.await();
              for (int i = next.getAndIncrement(); i < creates; i = next.getAndIncrement()) {
                long sent = System.nanoTime();
                Optional<String> problem = create(bodies.get(i % bodies.size()));
                long answered = System.nanoTime();
                if (problem.isEmpty()) {
                  mine.add(answered - sent);
                } else {
                  failures.record(problem.get());
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      Thread thread = new Thread(client, "prescriber-" + (c + 1));
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    long released = System.nanoTime();
    go.countDown();
    // join() also makes each client's samples visible to this thread.
    for (Thread thread : threads) {
      thread.join();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - released);
    return LoopResult.of(
        clients, LatencySamples.mergeSorted(samples), failures.count() - failedBefore, elapsed);
  }

  /** Empty when the server stored it (201), else what went wrong. */
  private Optional<String> create(String body) throws InterruptedException {
    HttpRequest request =
        endpoint
            .request("MedicationRequest", REQUEST_TIMEOUT)
            .header("Content-Type", FhirEndpoint.FHIR_JSON)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response =
          endpoint.client().send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 201
          ? Optional.empty()
          : Optional.of("create: " + Failures.describe(response.statusCode(), response.body()));
    } catch (IOException e) {
      return Optional.of("create: no answer: " + e);
    }
  }
}
