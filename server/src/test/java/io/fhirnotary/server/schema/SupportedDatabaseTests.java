package io.fhirnotary.server.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import org.junit.jupiter.api.Test;

class SupportedDatabaseTests {

	@Test
	void recognisesTheJdbcProductNamesOfPostgresqlAndH2() {
		assertThat(SupportedDatabase.fromProductName("PostgreSQL")).isEqualTo(SupportedDatabase.POSTGRESQL);
		assertThat(SupportedDatabase.fromProductName("H2")).isEqualTo(SupportedDatabase.H2);
	}

	@Test
	void pairsEachDatabaseWithHapisDialectAndMigratorDriver() {
		assertThat(SupportedDatabase.POSTGRESQL.hibernateDialect())
				.isEqualTo("ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect");
		assertThat(SupportedDatabase.POSTGRESQL.migratorDriver()).isEqualTo(DriverTypeEnum.POSTGRES_9_4);
		assertThat(SupportedDatabase.H2.migratorDriver()).isEqualTo(DriverTypeEnum.H2_EMBEDDED);
	}

	@Test
	void refusesOtherDatabasesByName() {
		assertThatThrownBy(() -> SupportedDatabase.fromProductName("MySQL"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("MySQL");
	}
}
