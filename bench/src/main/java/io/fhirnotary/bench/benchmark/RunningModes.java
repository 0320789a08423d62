package io.fhirnotary.bench.benchmark;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The loaded servers of one repetition when they run side by side (interleaved pulls). Closing
 * stops every one of them and drops its database, even when stopping an earlier one failed, so that
 * a failure leaves no server or database behind for the next repetition to measure next to.
 */
final class RunningModes implements AutoCloseable {

  private final List<LoadedMode> modes = new ArrayList<>();

  void add(LoadedMode mode) {
    modes.add(mode);
  }

  /** In the order they were added. */
  List<LoadedMode> all() {
    return List.copyOf(modes);
  }

  List<ServerProcess> processes() {
    return modes.stream().map(LoadedMode::process).toList();
  }

  boolean isEmpty() {
    return modes.isEmpty();
  }

  @Override
  public void close() throws SQLException {
    Exception failure = null;
    for (LoadedMode mode : modes) {
      try {
        mode.close();
      } catch (SQLException | RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    modes.clear();
    if (failure instanceof SQLException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
  }
}
