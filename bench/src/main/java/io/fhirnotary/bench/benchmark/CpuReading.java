package io.fhirnotary.bench.benchmark;

/**
 * The CPU time some processes had used by a moment.
 *
 * @param nanos when, on the {@link System#nanoTime} scale
 * @param ticks CPU time in clock ticks (see {@link ClockTicks}), all processes added up
 */
record CpuReading(long nanos, long ticks) {}
