package io.fhirnotary.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One fresh, empty PostgreSQL database per test JVM, dropped when the JVM exits.
 *
 * <p>Tests need a real PostgreSQL (never a mock, never skipped): by default the local server at
 * 127.0.0.1:5432 as user {@code postgres} with trust authentication, which {@code .ci/run} makes
 * sure is running. {@code FHIRNOTARY_TEST_PG_HOST/PORT/USER/PASSWORD} point elsewhere.
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
			PostgresTestDatabase database = new PostgresTestDatabase("fhirnotary_it_" + HexFormat.of().formatHex(suffix));
			database.create();
			Runtime.getRuntime().addShutdownHook(new Thread(database::drop, "drop-test-database"));
			shared = database;
		}
		return shared;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + name;
	}

	public String user() {
		return user;
	}

	public String password() {
		return password;
	}

	public String name() {
		return name;
	}

	private void create() {
		execute("CREATE DATABASE " + name);
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
			throw new IllegalStateException(
					"PostgreSQL at " + host + ":" + port + " is required for the integration tests (run .ci/run to "
							+ "start it): " + e.getMessage(),
					e);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
