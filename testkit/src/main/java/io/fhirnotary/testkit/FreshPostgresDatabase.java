package io.fhirnotary.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new, empty PostgreSQL database for integration tests, dropped when the JVM exits.
 *
 * <p>Tests need a real PostgreSQL (never a mock, never skipped): by default the local server at
 * 127.0.0.1:5432 as user {@code postgres} with trust authentication, which {@code .ci/run} makes
 * sure is running. {@code FHIRNOTARY_TEST_PG_HOST/PORT/USER/PASSWORD} point elsewhere.
 */
public final class FreshPostgresDatabase {

	private final String host = env("FHIRNOTARY_TEST_PG_HOST", "127.0.0.1");
	private final String port = env("FHIRNOTARY_TEST_PG_PORT", "5432");
	private final String user = env("FHIRNOTARY_TEST_PG_USER", "postgres");
	private final String password = env("FHIRNOTARY_TEST_PG_PASSWORD", "");
	private final String name;

	private FreshPostgresDatabase(String name) {
		this.name = name;
	}

	/**
	 * Creates a database named {@code prefix} plus a random suffix (so parallel JVMs and stale
	 * leftovers never collide) and drops it at JVM exit.
	 */
	public static FreshPostgresDatabase create(String prefix) {
		byte[] suffix = new byte[6];
		ThreadLocalRandom.current().nextBytes(suffix);
		FreshPostgresDatabase database = new FreshPostgresDatabase(prefix + HexFormat.of().formatHex(suffix));
		database.execute("CREATE DATABASE " + database.name);
		Runtime.getRuntime().addShutdownHook(new Thread(database::drop, "drop-" + database.name));
		return database;
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

	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl());
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
			throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is required for the integration "
					+ "tests (run .ci/run to start it): " + e.getMessage(), e);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
