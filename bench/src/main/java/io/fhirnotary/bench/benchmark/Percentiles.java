package io.fhirnotary.bench.benchmark;

/** Percentiles by the nearest-rank method: always a value that was actually observed. */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The smallest value such that at least {@code percentile}% of the values are less than or equal
   * to it.
   *
   * @param sortedValues ascending, not empty
   * @param percentile in (0, 100]
   */
  public static long nearestRank(long[] sortedValues, double percentile) {
    if (sortedValues.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sortedValues.length);
    return sortedValues[Math.max(rank, 1) - 1];
  }
}
