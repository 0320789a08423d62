package io.fhirnotary.bench.benchmark;

/**
 * One window of the interleaved pull: which mode's server is measured, at which level, in which
 * round (from 1).
 */
record PullSlot(int clients, int round, String mode) {}
