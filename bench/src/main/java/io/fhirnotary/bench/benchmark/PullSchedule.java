package io.fhirnotary.bench.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order of the interleaved pull's windows. Pure.
 *
 * <p>Level by level; within a level, {@code rounds} rounds of one window per mode, the modes in the
 * order given in odd rounds and reversed in even ones (A,B then B,A, then A,B ...). A machine that
 * slows down or speeds up steadily over a level then favours no mode: in an A,B,B,A pair each mode
 * has one earlier and one later window.
 */
final class PullSchedule {

  private PullSchedule() {}

  /**
   * @param round from 1
   */
  static List<String> modesInRound(List<String> modes, int round) {
    if (round < 1) {
      throw new IllegalArgumentException("rounds count from 1: " + round);
    }
    if (round % 2 == 1) {
      return List.copyOf(modes);
    }
    List<String> reversed = new ArrayList<>(modes);
    Collections.reverse(reversed);
    return List.copyOf(reversed);
  }

  static List<PullSlot> of(List<Integer> levels, List<String> modes, int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("at least one round: " + rounds);
    }
    List<PullSlot> slots = new ArrayList<>();
    for (int clients : levels) {
      for (int round = 1; round <= rounds; round++) {
        for (String mode : modesInRound(modes, round)) {
          slots.add(new PullSlot(clients, round, mode));
        }
      }
    }
    return List.copyOf(slots);
  }
}
