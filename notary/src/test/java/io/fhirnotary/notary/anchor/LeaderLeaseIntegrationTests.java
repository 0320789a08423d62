package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.notary.support.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The anchorer's lease on a real PostgreSQL: one holder, takeover after expiry, fencing by term. */
class LeaderLeaseIntegrationTests {

	private final DataSource dataSource = PostgresTestDatabase.shared().dataSource();

	@BeforeEach
	void free() throws SQLException {
		new AnchorerFixture(dataSource, null).clear();
	}

	@Test
	void anExpiredLeaseIsTakenOverWithANewTermAndTheFormerLeaderIsFencedOut() throws SQLException {
		LeaderLease a = new LeaderLease(dataSource, "node-a", 1_000);
		LeaderLease b = new LeaderLease(dataSource, "node-b", 1_000);
		long now = 1_000_000;
		long termA = a.acquire(now).orElseThrow();
		assertThat(a.acquire(now + 500)).contains(termA); // renewal keeps the term
		assertThat(b.acquire(now + 600)).isEmpty(); // a's lease runs to now + 1500

		long termB = b.acquire(now + 1_501).orElseThrow(); // expired: b takes over
		assertThat(termB).isGreaterThan(termA);
		assertThat(a.acquire(now + 1_600)).isEmpty();

		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			assertThatThrownBy(() -> a.fence(connection, termA, now + 1_700)).isInstanceOf(LeaderLease.LostLeadershipException.class);
			b.fence(connection, termB, now + 1_700);
			connection.rollback();
		}
	}

	@Test
	void aReleasedLeaseIsFreeAtOnce() throws SQLException {
		LeaderLease a = new LeaderLease(dataSource, "node-a", 60_000);
		LeaderLease b = new LeaderLease(dataSource, "node-b", 60_000);
		assertThat(a.acquire(1_000)).isPresent();
		assertThat(b.acquire(2_000)).isEmpty();
		a.release();
		assertThat(b.acquire(3_000)).isPresent();
	}
}
