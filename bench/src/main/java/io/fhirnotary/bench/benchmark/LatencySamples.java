package io.fhirnotary.bench.benchmark;

import java.util.Arrays;

/**
 * A growable array of latencies in nanoseconds, owned by one worker thread. Boxing a Long per
 * request would put the load generator's garbage collector into the measurement.
 */
public final class LatencySamples {

  private long[] values = new long[1024];
  private int size;

  public void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  /** All samples of all workers, sorted ascending. */
  public static long[] mergeSorted(Iterable<LatencySamples> all) {
    int total = 0;
    for (LatencySamples samples : all) {
      total += samples.size;
    }
    long[] merged = new long[total];
    int offset = 0;
    for (LatencySamples samples : all) {
      System.arraycopy(samples.values, 0, merged, offset, samples.size);
      offset += samples.size;
    }
    Arrays.sort(merged);
    return merged;
  }
}
