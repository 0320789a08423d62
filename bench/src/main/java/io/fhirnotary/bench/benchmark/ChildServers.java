package io.fhirnotary.bench.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every server process the harness started, so that all of them can be stopped from the shutdown
 * hook when the harness is interrupted (Ctrl-C) or fails. An orphaned server would keep its port
 * and its database session, and the next run would measure next to it.
 */
public final class ChildServers {

  private final Set<ServerProcess> started = ConcurrentHashMap.newKeySet();

  public ServerProcess start(
      List<String> command, Map<String, String> environment, int port, Path log)
      throws IOException {
    ServerProcess server = ServerProcess.start(command, environment, port, log);
    started.add(server);
    return server;
  }

  /** Process ids of every server started, e.g. to tell them apart from other processes. */
  public Set<Long> pids() {
    Set<Long> pids = ConcurrentHashMap.newKeySet();
    started.forEach(server -> pids.add(server.pid()));
    return pids;
  }

  /** Stops every server still running; safe to call more than once and from any thread. */
  public void stopAll() {
    started.forEach(ServerProcess::close);
  }
}
