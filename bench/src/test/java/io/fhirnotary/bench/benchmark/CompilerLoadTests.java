package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompilerLoadTests {

  private static String statLine(String threadName, long userTicks, long systemTicks) {
    return "4243 (" + threadName + ") S 1 4242 4242 0 -1 4194560 123 0 0 0 " + userTicks + " "
        + systemTicks + " 0 0 20 0 57 0 8123456 9000000000 200000";
  }

  @Test
  void countsTheHotSpotCompilerThreadsApartFromTheOthers() {
    assertThat(CompilerLoad.ofThread(statLine("C2 CompilerThre", 300, 20)))
        .isEqualTo(new CompilerLoad(320, 320));
    assertThat(CompilerLoad.ofThread(statLine("C1 CompilerThre", 5, 0)))
        .isEqualTo(new CompilerLoad(5, 5));
    assertThat(CompilerLoad.ofThread(statLine("http-nio-8080-e", 90, 10)))
        .isEqualTo(new CompilerLoad(0, 100));
    assertThat(CompilerLoad.ofThread("not a stat line")).isEqualTo(new CompilerLoad(0, 0));
  }

  @Test
  void theCompilerShareIsItsPartOfWhatTheJvmUsedInBetween() {
    CompilerLoad earlier = new CompilerLoad(100, 1_000);

    assertThat(new CompilerLoad(130, 1_200).compilerShareSince(earlier)).isEqualTo(0.15);
    assertThat(new CompilerLoad(100, 1_000).compilerShareSince(earlier)).isZero();
    // a compiler thread that ended in between takes its ticks with it
    assertThat(new CompilerLoad(40, 900).compilerShareSince(earlier)).isZero();
  }

  @Test
  void readsTheThreadsOfALiveProcess() {
    Optional<CompilerLoad> mine = CompilerLoad.ofProcess(ProcessHandle.current().pid());

    assertThat(mine).isPresent();
    assertThat(mine.get().allTicks()).isPositive();
    assertThat(mine.get().compilerTicks()).isBetween(0L, mine.get().allTicks());
    assertThat(CompilerLoad.ofProcess(Long.MAX_VALUE)).isEmpty();
  }
}
