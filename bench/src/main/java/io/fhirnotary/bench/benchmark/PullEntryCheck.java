package io.fhirnotary.bench.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether pull figures can be compared at all. Every patient shared their prescriptions with the
 * pharmacy, so every mode must return at least what plain mode returns; a protected server that
 * hides prescriptions it should show (a consent bug) answers faster with less and would look like
 * a speed-up. Pure: the MedicationRequests one pass over all patients returned, per mode and run.
 */
final class PullEntryCheck {

  private PullEntryCheck() {}

  /**
   * @param entriesByMode per mode, the entries of each run measured so far
   * @return why the figures must not be reported, or empty when they may
   */
  static Optional<String> problem(Map<String, List<Long>> entriesByMode) {
    for (Map.Entry<String, List<Long>> mode : entriesByMode.entrySet()) {
      List<Long> runs = mode.getValue();
      for (int run = 0; run < runs.size(); run++) {
        if (runs.get(run) == 0) {
          return Optional.of(
              "the pharmacy pull returned no MedicationRequests in "
                  + mode.getKey()
                  + " mode (run "
                  + (run + 1)
                  + "): figures of empty answers say nothing about the pull");
        }
      }
    }
    List<Long> baseline = entriesByMode.getOrDefault(BenchmarkReport.BASELINE_MODE, List.of());
    if (baseline.isEmpty()) {
      return Optional.empty();
    }
    long expected = baseline.stream().mapToLong(Long::longValue).max().orElseThrow();
    for (Map.Entry<String, List<Long>> mode : entriesByMode.entrySet()) {
      List<Long> runs = mode.getValue();
      for (int run = 0; run < runs.size(); run++) {
        if (runs.get(run) < expected) {
          return Optional.of(
              "the pharmacy pull returned "
                  + runs.get(run)
                  + " MedicationRequests in "
                  + mode.getKey()
                  + " mode (run "
                  + (run + 1)
                  + ") but "
                  + expected
                  + " in "
                  + BenchmarkReport.BASELINE_MODE
                  + " mode, although every patient shared them with the pharmacy: a server that"
                  + " hides data would look faster, so no figures are reported");
        }
      }
    }
    return Optional.empty();
  }
}
