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
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code CodeSystem/$validate-code} asked by N clients in closed loops for a fixed time, known and
 * unknown codes in turn. Every answer is checked (200, a Parameters resource, the right result);
 * latencies and the rate count only right answers to requests that start and end inside the
 * measurement window, which follows the warm-up.
 */
final class CodeCheckLoop {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final FhirEndpoint endpoint;
  private final List<CodeChecks.Check> checks;

  CodeCheckLoop(FhirEndpoint endpoint, List<CodeChecks.Check> checks) {
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("no codes to check");
    }
    this.endpoint = endpoint;
    this.checks = List.copyOf(checks);
  }

  /**
   * @param failures receives every wrong answer, warm-up included; the result counts those of
   *     this call
   */
  LoopResult run(int clients, Duration warmUp, Duration window, Failures failures)
      throws InterruptedException {
    long failedBefore = failures.count();
    AtomicLong next = new AtomicLong();
    List<LatencySamples> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    // Clients start within milliseconds of each other; the warm-up absorbs the difference.
    long measureFrom = System.nanoTime() + warmUp.toNanos();
    long measureUntil = measureFrom + window.toNanos();
    for (int c = 0; c < clients; c++) {
      LatencySamples mine = new LatencySamples();
      samples.add(mine);
      Runnable client =
          () -> {
            try {
              for (long sent = System.nanoTime(); sent < measureUntil; sent = System.nanoTime()) {
                CodeChecks.Check check =
                    checks.get((int) Math.floorMod(next.getAndIncrement(), (long) checks.size()));
                Optional<String> problem = ask(check);
                long answered = System.nanoTime();
                if (problem.isPresent()) {
                  failures.record(problem.get());
                } else if (sent >= measureFrom && answered <= measureUntil) {
                  mine.add(answered - sent);
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      Thread thread = new Thread(client, "code-check-" + (c + 1));
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return LoopResult.of(
        clients, LatencySamples.mergeSorted(samples), failures.count() - failedBefore, window);
  }

  private Optional<String> ask(CodeChecks.Check check) throws InterruptedException {
    HttpRequest request = endpoint.request(check.query(), REQUEST_TIMEOUT).GET().build();
    try {
      HttpResponse<String> response =
          endpoint.client().send(request, HttpResponse.BodyHandlers.ofString());
      return CodeChecks.problem(check, response.statusCode(), response.body())
          .map(problem -> "$validate-code " + problem);
    } catch (IOException e) {
      return Optional.of("$validate-code " + check.code() + ": no answer: " + e);
    }
  }
}
