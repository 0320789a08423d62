package io.fhirnotary.server.schema;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date before anything touches it.
 *
 * <p>HAPI's tables are created and upgraded by HAPI's own migrator (never by Hibernate's
 * {@code hbm2ddl}), which on an empty database initialises the current schema in one step and
 * records every later task as done. Our own tables follow, through Flyway, with a separate history
 * table so the two never interfere. Both take a database lock, so several nodes can start at once.
 */
public final class DatabaseSchema {

	static final String PROJECT_HISTORY_TABLE = "fhirnotary_schema_history";
	static final String PROJECT_MIGRATIONS = "classpath:db/fhirnotary";

	private static final Logger log = LoggerFactory.getLogger(DatabaseSchema.class);

	private final SupportedDatabase database;

	private DatabaseSchema(SupportedDatabase database) {
		this.database = database;
	}

	public SupportedDatabase database() {
		return database;
	}

	/** Migrates HAPI's schema and then ours; returns which database this is. */
	public static DatabaseSchema migrate(DataSource dataSource) {
		SupportedDatabase database = detect(dataSource);
		long started = System.nanoTime();

		HapiMigrator hapi =
				new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource, database.migratorDriver());
		hapi.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
		hapi.createMigrationTableIfRequired();
		MigrationResult hapiResult = hapi.migrate();

		int projectMigrations = Flyway.configure()
				.dataSource(dataSource)
				.table(PROJECT_HISTORY_TABLE)
				.locations(PROJECT_MIGRATIONS)
				.failOnMissingLocations(false)
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate()
				.migrationsExecuted;

		log.info(
				"Schema ready on {}: {} HAPI migration task(s) and {} project migration(s) applied in {} ms",
				database,
				hapiResult.succeededTasks.size(),
				projectMigrations,
				(System.nanoTime() - started) / 1_000_000);
		return new DatabaseSchema(database);
	}

	private static SupportedDatabase detect(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return SupportedDatabase.fromProductName(connection.getMetaData().getDatabaseProductName());
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot connect to the database to migrate its schema", e);
		}
	}
}
