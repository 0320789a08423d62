package io.fhirnotary.server.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;

/** Driver settings of the postgres profile that the server's write speed depends on. */
class PostgresConnectionSettingsIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	DataSource dataSource;

	@Test
	void batchedInsertsReachTheDatabaseAsMultiRowStatements() throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			BaseConnection postgres = connection.unwrap(BaseConnection.class);

			assertThat(postgres.getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
		}
	}
}
