package io.fhirnotary.server.support;

import io.fhirnotary.testkit.FreshPostgresDatabase;

/**
 * The server tests' one PostgreSQL database per test JVM: created empty (the server migrates it
 * itself at start-up, as in production) and dropped at JVM exit.
 */
public final class PostgresTestDatabase {

	private static FreshPostgresDatabase shared;

	private PostgresTestDatabase() {}

	public static synchronized FreshPostgresDatabase shared() {
		if (shared == null) {
			shared = FreshPostgresDatabase.create("fhirnotary_it_");
		}
		return shared;
	}
}
