package io.fhirnotary.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Posts a {@link LoadPlan} phase after phase, with a number of concurrent workers. */
public final class CorpusLoader {

  /** How many failures a summary lists; the rest are only counted. */
  public static final int ERRORS_KEPT = 5;

  private final BundleUploader uploader;
  private final ProgressDisplay display;

  public CorpusLoader(BundleUploader uploader, ProgressDisplay display) {
    this.uploader = uploader;
    this.display = display;
  }

  /**
   * @param concurrency workers for the patient phase; the shared-resource phases always run one
   *     bundle at a time (see {@link LoadPlan})
   */
  public LoadSummary load(LoadPlan plan, int concurrency) throws InterruptedException {
    LoadProgress progress =
        new LoadProgress(plan.bundleCount(), plan.entryCount(), System::nanoTime);
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("load-progress"));
    long tickMillis = display.interval().toMillis();
    ticker.scheduleAtFixedRate(
        () -> display.show(progress.snapshot()), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    int skipped = 0;
    try {
      boolean sharedResourcesFailed = false;
      for (LoadPhase phase : plan.phases()) {
        if (sharedResourcesFailed) {
          // Patient bundles reference these resources conditionally; posting them now would
          // only produce a wall of "no match" errors that hide the real one.
          skipped += phase.bundles().size();
          continue;
        }
        int failedBefore = progress.bundlesFailed();
        runPhase(phase, phase.concurrent() ? concurrency : 1, progress, errors);
        if (!phase.concurrent() && progress.bundlesFailed() > failedBefore) {
          sharedResourcesFailed = true;
        }
      }
    } finally {
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    }
    ProgressSnapshot last = progress.snapshot();
    display.finish(last);
    return new LoadSummary(
        plan.bundleCount(),
        last.bundlesDone() - last.bundlesFailed(),
        last.bundlesFailed(),
        skipped,
        last.resourcesStored(),
        last.elapsed(),
        errors);
  }

  private void runPhase(LoadPhase phase, int workers, LoadProgress progress, List<String> errors)
      throws InterruptedException {
    if (phase.bundles().isEmpty()) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(workers, daemonThreads("load-" + phase.name()));
    try {
      // A fixed pool takes tasks in submission order, so bundles start in plan order.
      List<Callable<Void>> tasks = new ArrayList<>();
      for (BundleFile bundle : phase.bundles()) {
        tasks.add(
            () -> {
              UploadOutcome outcome = uploader.upload(bundle);
              outcome
                  .error()
                  .ifPresent(
                      error -> {
                        synchronized (errors) {
                          if (errors.size() < ERRORS_KEPT) {
                            errors.add(bundle.fileName() + ": " + error);
                          }
                        }
                      });
              progress.record(outcome);
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(tasks)) {
        try {
          done.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("loader worker crashed", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
