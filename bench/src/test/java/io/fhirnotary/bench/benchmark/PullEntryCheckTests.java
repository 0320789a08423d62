package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullEntryCheckTests {

  @Test
  void protectedReturningWhatPlainReturnsPasses() {
    assertThat(PullEntryCheck.problem(entries(List.of(57L, 57L), List.of(57L, 57L)))).isEmpty();
  }

  @Test
  void protectedReturningLessThanPlainFailsTheRun() {
    assertThat(PullEntryCheck.problem(entries(List.of(57L), List.of(12L))))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .contains("returned 12 MedicationRequests in protected mode (run 1) but 57 in plain"));
  }

  @Test
  void aLaterRunReturningLessFailsToo() {
    assertThat(PullEntryCheck.problem(entries(List.of(57L, 57L), List.of(57L, 56L))))
        .hasValueSatisfying(problem -> assertThat(problem).contains("protected mode (run 2)"));
  }

  @Test
  void protectedMeasuredBeforePlainIsNotJudgedYet() {
    assertThat(PullEntryCheck.problem(entries(List.of(), List.of(40L)))).isEmpty();
  }

  @Test
  void anEmptyPullFailsInAnyMode() {
    assertThat(PullEntryCheck.problem(entries(List.of(0L), List.of())))
        .hasValueSatisfying(
            problem -> assertThat(problem).contains("no MedicationRequests in plain mode"));
    assertThat(PullEntryCheck.problem(entries(List.of(), List.of(0L))))
        .hasValueSatisfying(
            problem -> assertThat(problem).contains("no MedicationRequests in protected mode"));
  }

  private static Map<String, List<Long>> entries(List<Long> plain, List<Long> protectedMode) {
    Map<String, List<Long>> byMode = new LinkedHashMap<>();
    if (!plain.isEmpty()) {
      byMode.put("plain", plain);
    }
    if (!protectedMode.isEmpty()) {
      byMode.put("protected", protectedMode);
    }
    return byMode;
  }
}
