package io.fhirnotary.bench.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Creates a fresh PostgreSQL database per measurement and drops it afterwards, through the server's
 * maintenance database. Fresh matters: loading a corpus a second time measures duplicate detection,
 * not ingest.
 */
public final class ScratchDatabases implements AutoCloseable {

  private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final String commandName;
  private final String adminUrl;
  private final Properties credentials;
  private final boolean keep;
  private final List<String> undropped = new ArrayList<>();

  /**
   * @param commandName the command using the databases ({@code bench}, {@code validation}), to
   *     prefix its messages with
   * @param adminUrl JDBC URL of a database to connect to for CREATE/DROP (e.g. {@code postgres})
   * @param keep leave the databases in place for inspection
   */
  public ScratchDatabases(
      String commandName, String adminUrl, String user, Optional<String> password, boolean keep) {
    this.commandName = commandName;
    this.adminUrl = adminUrl;
    this.keep = keep;
    this.credentials = new Properties();
    credentials.setProperty("user", user);
    password.ifPresent(p -> credentials.setProperty("password", p));
  }

  public String serverVersion() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW server_version")) {
      result.next();
      return result.getString(1);
    }
  }

  /** Creates (after dropping any leftover of the same name) and returns its JDBC URL. */
  public synchronized String create(String name) throws SQLException {
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("unsafe database name: " + name);
    }
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    execute("CREATE DATABASE " + name);
    undropped.add(name);
    return JdbcUrls.withDatabase(adminUrl, name);
  }

  /**
   * {@code VACUUM (ANALYZE)} of a database made here, as pgbench does before it measures: a corpus
   * just inserted leaves pages whose first readers must set hint bits, a visibility map that rules
   * out index-only scans and no planner statistics, all of which autovacuum would put right within
   * minutes of a real server's life, at a moment no benchmark controls.
   *
   * @return how long it took
   */
  public Duration vacuumAnalyze(String name) throws SQLException {
    if (!madeHere(name)) {
      throw new IllegalArgumentException("not a database made here: " + name);
    }
    long start = System.nanoTime();
    try (Connection connection =
            DriverManager.getConnection(JdbcUrls.withDatabase(adminUrl, name), credentials);
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM (ANALYZE)");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Whether the database was made here; its own lock, so none is held during a vacuum. */
  private synchronized boolean madeHere(String name) {
    return undropped.contains(name);
  }

  /** Drops the database unless asked to keep it. {@code WITH (FORCE)} ends leftover sessions. */
  public synchronized void release(String name) throws SQLException {
    if (keep || !undropped.contains(name)) {
      return;
    }
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    undropped.remove(name);
  }

  /** Idempotent; also called from the shutdown hook on Ctrl-C. */
  @Override
  public synchronized void close() {
    for (String name : List.copyOf(undropped)) {
      try {
        release(name);
      } catch (SQLException e) {
        System.err.println(
            commandName + ": could not drop database " + name + ": " + e.getMessage());
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(adminUrl, credentials);
  }
}
