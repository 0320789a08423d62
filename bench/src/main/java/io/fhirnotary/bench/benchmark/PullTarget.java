package io.fhirnotary.bench.benchmark;

import java.time.Duration;
import java.util.Optional;

/** A loaded server the pharmacy pull can be measured against, one window at a time. */
interface PullTarget {

  String mode();

  /** One warm-up, then one measured window, with {@code clients} pharmacy clients. */
  PullWindow measure(int clients, Duration warmUp, Duration window) throws InterruptedException;

  /** The server JVM's CPU time so far, its JIT compiler's apart; empty when it cannot be read. */
  Optional<CompilerLoad> compilerLoad();
}
