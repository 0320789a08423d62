package io.fhirnotary.bench.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirnotary.bench.http.FhirEndpoint;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pharmacy's question, {@code GET [base]/MedicationRequest?patient=<id>&status=active}, asked
 * by N clients in closed loops (each sends its next request when the last one answered).
 *
 * <p>All clients start together, warm up, and then count only requests that both start and end
 * inside the measurement window, so neither the JIT warm-up nor requests cut off at the end distort
 * the percentiles.
 */
final class PharmacyPull {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final FhirEndpoint endpoint;

  PharmacyPull(FhirEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  PullResult run(List<String> patientIds, int clients, Duration warmUp, Duration window)
      throws InterruptedException {
    return measure(patientIds, clients, warmUp, window).result();
  }

  /** Like {@link #run}, but keeps the window's samples, e.g. to pool them with other windows. */
  PullWindow measure(List<String> patientIds, int clients, Duration warmUp, Duration window)
      throws InterruptedException {
    if (patientIds.isEmpty()) {
      throw new IllegalArgumentException("no patients to ask about");
    }
    List<String> queries = patientIds.stream().map(PharmacyPull::query).toList();
    AtomicLong nextPatient = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<LatencySamples> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    // Clients start within milliseconds of each other; the warm-up absorbs that difference.
    long measureFrom = System.nanoTime() + warmUp.toNanos();
    long measureUntil = measureFrom + window.toNanos();
    for (int i = 0; i < clients; i++) {
      LatencySamples mine = new LatencySamples();
      samples.add(mine);
      Runnable client =
          () -> {
            try {
              while (true) {
                long sent = System.nanoTime();
                if (sent >= measureUntil) {
                  return;
                }
                int next =
                    (int) Math.floorMod(nextPatient.getAndIncrement(), (long) queries.size());
                boolean ok = ask(queries.get(next));
                long answered = System.nanoTime();
                if (sent >= measureFrom && answered <= measureUntil) {
                  if (ok) {
                    mine.add(answered - sent);
                  } else {
                    errors.incrementAndGet();
                  }
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      Thread thread = new Thread(client, "pharmacy-" + (i + 1));
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    // join() makes each client's samples visible to this thread.
    for (Thread thread : threads) {
      thread.join();
    }
    return new PullWindow(clients, LatencySamples.mergeSorted(samples), errors.get(), window);
  }

  /** The request the pull sends about one patient. */
  static String query(String patientId) {
    return "MedicationRequest?patient="
        + URLEncoder.encode(patientId, StandardCharsets.UTF_8)
        + "&status=active";
  }

  /**
   * Sends each patient's query once, outside any measurement, and counts the MedicationRequests
   * the answers hold: what the measured requests return, so a mode that answers quickly because
   * it returns less shows up (see {@link PullEntryCheck}).
   *
   * @throws IOException when an answer is not 200 or not a Bundle
   */
  long entriesPerPass(List<String> patientIds, ObjectMapper json)
      throws IOException, InterruptedException {
    long entries = 0;
    for (String patientId : patientIds) {
      HttpRequest request = endpoint.request(query(patientId), REQUEST_TIMEOUT).GET().build();
      HttpResponse<byte[]> response =
          endpoint.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException(
            "the pull check for patient " + patientId + " answered HTTP " + response.statusCode());
      }
      JsonNode bundle = json.readTree(response.body());
      if (!"Bundle".equals(bundle.path("resourceType").asText())) {
        throw new IOException("the pull check for patient " + patientId + " returned no Bundle");
      }
      for (JsonNode entry : bundle.path("entry")) {
        if ("MedicationRequest".equals(entry.path("resource").path("resourceType").asText())) {
          entries++;
        }
      }
    }
    return entries;
  }

  /** Reads the whole answer: a pharmacy needs the bundle, not just the status line. */
  private boolean ask(String query) throws InterruptedException {
    HttpRequest request = endpoint.request(query, REQUEST_TIMEOUT).GET().build();
    try {
      HttpResponse<byte[]> response =
          endpoint.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
