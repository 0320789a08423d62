package io.fhirnotary.server.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.util.Locale;

/**
 * The databases we run on, each with the HAPI migrator driver and the HAPI Hibernate dialect
 * that belong to it. Deriving both from the connection keeps "switch the JDBC URL" the only
 * step needed to move between the embedded default and PostgreSQL.
 */
public enum SupportedDatabase {
	H2(DriverTypeEnum.H2_EMBEDDED, HapiFhirH2Dialect.class.getName()),
	POSTGRESQL(DriverTypeEnum.POSTGRES_9_4, HapiFhirPostgresDialect.class.getName());

	private final DriverTypeEnum migratorDriver;
	private final String hibernateDialect;

	SupportedDatabase(DriverTypeEnum migratorDriver, String hibernateDialect) {
		this.migratorDriver = migratorDriver;
		this.hibernateDialect = hibernateDialect;
	}

	public DriverTypeEnum migratorDriver() {
		return migratorDriver;
	}

	public String hibernateDialect() {
		return hibernateDialect;
	}

	/** Maps JDBC's {@code DatabaseMetaData#getDatabaseProductName()} to a supported database. */
	public static SupportedDatabase fromProductName(String productName) {
		String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
		if (name.equals("h2")) {
			return H2;
		}
		if (name.equals("postgresql")) {
			return POSTGRESQL;
		}
		throw new IllegalStateException(
				"Unsupported database '" + productName + "': fhir-notary runs on PostgreSQL or embedded H2");
	}
}
