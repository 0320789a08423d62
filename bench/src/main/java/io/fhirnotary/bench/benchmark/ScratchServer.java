package io.fhirnotary.bench.benchmark;

import java.sql.SQLException;

/**
 * A server process with the fresh database it runs on: closing stops the server first (it holds
 * sessions on the database), then drops the database.
 */
final class ScratchServer implements AutoCloseable {

  private final ServerProcess process;
  private final String database;
  private final ScratchDatabases databases;

  ScratchServer(ServerProcess process, String database, ScratchDatabases databases) {
    this.process = process;
    this.database = database;
    this.databases = databases;
  }

  ServerProcess process() {
    return process;
  }

  String database() {
    return database;
  }

  @Override
  public void close() throws SQLException {
    try {
      process.close();
    } finally {
      databases.release(database);
    }
  }
}
