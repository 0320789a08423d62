package io.fhirnotary.bench.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests that did not get the answer they should have, counted by every client thread together,
 * with the first few described so that a failed run says what went wrong.
 */
final class Failures {

  static final int EXAMPLES_KEPT = 3;

  private final AtomicLong count = new AtomicLong();
  private final List<String> examples = new ArrayList<>();

  void record(String description) {
    count.incrementAndGet();
    synchronized (examples) {
      if (examples.size() < EXAMPLES_KEPT) {
        examples.add(description);
      }
    }
  }

  long count() {
    return count.get();
  }

  List<String> examples() {
    synchronized (examples) {
      return List.copyOf(examples);
    }
  }

  /** A response for an error message: status and the start of the body on one line. */
  static String describe(int status, String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    return "HTTP " + status + (flat.isEmpty() ? "" : ": " + abbreviate(flat, 300));
  }

  static String abbreviate(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit) + " ...";
  }
}
