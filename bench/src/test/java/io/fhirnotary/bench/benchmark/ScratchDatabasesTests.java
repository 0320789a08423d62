package io.fhirnotary.bench.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL the tests use everywhere (FHIRNOTARY_TEST_PG_*, as in testkit). */
class ScratchDatabasesTests {

  private static final String HOST = env("FHIRNOTARY_TEST_PG_HOST", "127.0.0.1");
  private static final String PORT = env("FHIRNOTARY_TEST_PG_PORT", "5432");
  private static final String USER = env("FHIRNOTARY_TEST_PG_USER", "postgres");
  private static final String PASSWORD = env("FHIRNOTARY_TEST_PG_PASSWORD", "");
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String freshName() {
    byte[] suffix = new byte[5];
    ThreadLocalRandom.current().nextBytes(suffix);
    return "bench_test_" + HexFormat.of().formatHex(suffix);
  }

  private static ScratchDatabases databases() {
    return new ScratchDatabases(
        "test", ADMIN_URL, USER, PASSWORD.isEmpty() ? Optional.empty() : Optional.of(PASSWORD), false);
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, USER, PASSWORD);
  }

  @Test
  void vacuumAnalyzeLeavesStatisticsAndAVisibilityMapBehind() throws Exception {
    String name = freshName();
    try (ScratchDatabases databases = databases()) {
      String url = databases.create(name);
      try (Connection connection = connect(url);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE loaded (id int PRIMARY KEY, body text)");
        statement.execute("INSERT INTO loaded SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
      }

      databases.vacuumAnalyze(name);

      // catalog values, not the statistics views: no reporting delay
      try (Connection connection = connect(url);
          Statement statement = connection.createStatement();
          ResultSet table =
              statement.executeQuery(
                  "SELECT reltuples, relallvisible FROM pg_class WHERE relname = 'loaded'")) {
        assertThat(table.next()).isTrue();
        assertThat(table.getDouble(1)).isEqualTo(1000.0);
        assertThat(table.getInt(2)).isPositive();
      }
    }
    try (Connection admin = connect(ADMIN_URL);
        Statement statement = admin.createStatement();
        ResultSet left =
            statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
      left.next();
      assertThat(left.getInt(1)).as("dropped on close").isZero();
    }
  }

  @Test
  void vacuumsOnlyDatabasesItMade() {
    try (ScratchDatabases databases = databases()) {
      assertThatThrownBy(() -> databases.vacuumAnalyze("postgres"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a database made here");
    }
  }
}
