package io.fhirnotary.bench.benchmark;

import java.util.Arrays;
import java.util.Collection;

/** The middle of repeated measurements, which one slow outlier run does not move. */
public final class Medians {

  private Medians() {}

  /** The median; for an even count, the mean of the two middle values. */
  public static double of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
