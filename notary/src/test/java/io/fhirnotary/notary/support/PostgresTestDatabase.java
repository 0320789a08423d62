package io.fhirnotary.notary.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One fresh PostgreSQL database per test JVM, migrated with the project's Flyway scripts exactly as
 * the server runs them, and dropped at JVM exit. Real PostgreSQL (127.0.0.1:5432, user postgres,
 * trust auth, as .ci/run sets up; {@code FHIRNOTARY_TEST_PG_HOST/PORT/USER/PASSWORD} point
 * elsewhere): never mocked, never skipped.
 */
public final class PostgresTestDatabase {

	private static PostgresTestDatabase shared;

	private final String host = env("FHIRNOTARY_TEST_PG_HOST", "127.0.0.1");
	private final String port = env("FHIRNOTARY_TEST_PG_PORT", "5432");
	private final String user = env("FHIRNOTARY_TEST_PG_USER", "postgres");
	private final String password = env("FHIRNOTARY_TEST_PG_PASSWORD", "");
	private final String name;

	private PostgresTestDatabase(String name) {
		this.name = name;
	}

	public static synchronized PostgresTestDatabase shared() {
		if (shared == null) {
			byte[] suffix = new byte[6];
			ThreadLocalRandom.current().nextBytes(suffix);
			PostgresTestDatabase database = new PostgresTestDatabase("fhirnotary_notary_" + HexFormat.of().formatHex(suffix));
			database.execute("CREATE DATABASE " + database.name);
			Runtime.getRuntime().addShutdownHook(new Thread(database::drop, "drop-notary-test-database"));
			migrate(database.dataSource());
			shared = database;
		}
		return shared;
	}

	/** The server's Flyway settings for project tables (server's schema.DatabaseSchema). */
	public static void migrate(DataSource dataSource) {
		Flyway.configure()
				.dataSource(dataSource)
				.table("fhirnotary_schema_history")
				.locations("classpath:db/fhirnotary")
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate();
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + name;
	}

	public String user() {
		return user;
	}

	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://" + host + ":" + port + "/" + name);
		dataSource.setUser(user);
		dataSource.setPassword(password);
		return dataSource;
	}

	private void drop() {
		try {
			execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		} catch (IllegalStateException e) {
			System.err.println("Could not drop test database " + name + ": " + e.getMessage());
		}
	}

	private void execute(String sql) {
		String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
		try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		} catch (SQLException e) {
			throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is required for the notary tests (run "
					+ ".ci/run to start it): " + e.getMessage(), e);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
