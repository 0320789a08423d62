package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.outbox.OutboxWriter;
import io.fhirnotary.notary.support.PostgresTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What capture adds to a write, measured and printed: building the leaf (RFC 8785 + SHA-256 of the
 * version) and one outbox INSERT inside the write's transaction, on a real PostgreSQL.
 */
class CaptureCostFiguresIntegrationTests {

	@Test
	void leafAndOutboxRowCostPerVersion() throws SQLException, IOException {
		String json;
		try (InputStream in = getClass().getResourceAsStream("/vectors/medicationrequest-v1.json")) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		byte[] salt = new byte[32];
		int rounds = 20_000;
		NotaryLeaf leaf = null;
		for (int i = 0; i < 2_000; i++) { // warm-up
			leaf = NotaryLeaf.ofVersion(salt, "MedicationRequest", "rx-" + i, "1", Operation.CREATE, json);
		}
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			leaf = NotaryLeaf.ofVersion(salt, "MedicationRequest", "rx-" + i, "1", Operation.CREATE, json);
			leaf.leafHash();
		}
		double leafMicros = (System.nanoTime() - start) / 1e3 / rounds;

		DataSource dataSource = PostgresTestDatabase.shared().dataSource();
		new AnchorerFixture(dataSource, null).clear();
		int rows = 2_000;
		long insertNanos;
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			String prefix = Long.toHexString(ThreadLocalRandom.current().nextLong());
			long insertStart = System.nanoTime();
			for (int i = 0; i < rows; i++) {
				OutboxWriter.append(connection, new NotaryLeaf(salt, "MedicationRequest", prefix + "-" + i, "1", Operation.CREATE,
						leaf.contentHash()), System.currentTimeMillis());
			}
			insertNanos = System.nanoTime() - insertStart;
			connection.commit();
		}
		assertThat(new AnchorerFixture(dataSource, null).countByState()).containsEntry("PENDING", (long) rows);
		System.out.printf("figures: capture cost per version: leaf (RFC 8785 + SHA-256 of a %d-byte MedicationRequest) %.1f µs, "
				+ "outbox INSERT inside the write's transaction %.0f µs%n", json.length(), leafMicros, insertNanos / 1e3 / rows);
		new AnchorerFixture(dataSource, null).clear();
	}
}
