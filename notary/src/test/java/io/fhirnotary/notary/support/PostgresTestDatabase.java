package io.fhirnotary.notary.support;

import io.fhirnotary.testkit.FreshPostgresDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The notary tests' one PostgreSQL database per test JVM, migrated with the project's Flyway
 * scripts exactly as the server runs them, and dropped at JVM exit.
 */
public final class PostgresTestDatabase {

	private static FreshPostgresDatabase shared;

	private PostgresTestDatabase() {}

	public static synchronized FreshPostgresDatabase shared() {
		if (shared == null) {
			FreshPostgresDatabase database = FreshPostgresDatabase.create("fhirnotary_notary_");
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
}
