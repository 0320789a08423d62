package io.fhirnotary.notary.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryChainSettings;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.chain.SignedTransaction;
import io.fhirnotary.notary.chain.TransactionFees;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.outbox.OutboxWriter;
import io.fhirnotary.notary.support.AnvilNode;
import io.fhirnotary.notary.support.PostgresTestDatabase;
import io.fhirnotary.testkit.FreshPostgresDatabase;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox and the anchorer on a real PostgreSQL and a real Anvil node. */
class AnchorerIntegrationTests {

	/** Dev fixture: Anvil's public default account #3, used only by these tests. */
	static final String ANCHORER_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

	private static DataSource dataSource;
	private static EthereumRpc rpc;
	private static NotaryContractClient chain;
	private static AnchorerFixture fixture;

	@BeforeAll
	static void databaseAndContract() {
		dataSource = PostgresTestDatabase.shared().dataSource();
		AnvilNode anvil = AnvilNode.shared();
		rpc = anvil.rpc();
		chain = NotaryContractClient.connect(rpc,
				NotaryChainSettings.forDevChain(anvil.rpcUrl(), AnvilNode.CHAIN_ID, null, ANCHORER_KEY));
		fixture = new AnchorerFixture(dataSource, chain);
	}

	@AfterAll
	static void close() {
		rpc.close();
	}

	@BeforeEach
	void emptyTables() throws SQLException {
		fixture.clear();
	}

	private Anchorer anchorer(String node, int batchSize, int confirmations, Anchorer.Broadcaster broadcaster) {
		NotaryChainSettings settings = AnchorerFixture.settings(chain, AnvilNode.shared().rpcUrl(), ANCHORER_KEY, batchSize,
				confirmations);
		return new Anchorer(dataSource, chain, settings, new LeaderLease(dataSource, node, 5_000), Clock.systemUTC(),
				broadcaster == null ? chain::broadcast : broadcaster);
	}

	@Test
	void pendingVersionsBecomeOneBatchThatGoesSubmittedConfirmedFinal() throws SQLException {
		fixture.write(5);
		Anchorer anchorer = anchorer("node-a", 100, 3, null);

		Anchorer.TickResult first = anchorer.tick();
		assertThat(first.newBatchSize()).isEqualTo(5);
		assertThat(fixture.countByState()).isEqualTo(Map.of("SUBMITTED", 5L));
		AnchorBatch batch = fixture.batches().get(0);
		assertThat(batch.state()).isEqualTo(BatchState.SUBMITTED);
		assertThat(batch.broadcasts()).isEqualTo(1);

		anchorer.tick(); // Anvil mined it at once: one confirmation of three
		assertThat(fixture.countByState()).isEqualTo(Map.of("CONFIRMED", 5L));
		assertThat(fixture.batches().get(0).blockNumber()).isNotNull();

		AnvilNode.shared().mine(2);
		anchorer.tick();
		assertThat(fixture.countByState()).isEqualTo(Map.of("FINAL", 5L));
		fixture.assertEveryVersionAnchoredExactlyOnce(5);
		System.out.printf("anchor of a batch of 5: %d gas%n", fixture.batches().get(0).gasUsed());
	}

	@Test
	void aRolledBackWriteLeavesNoRowAndAVersionHasOneRowAtMost() throws SQLException {
		NotaryLeaf leaf = AnchorerFixture.randomLeaf();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			OutboxWriter.append(connection, leaf, System.currentTimeMillis());
			connection.rollback();
			assertThat(fixture.countByState()).isEmpty();

			OutboxWriter.append(connection, leaf, System.currentTimeMillis());
			connection.commit();
			assertThatThrownBy(() -> OutboxWriter.append(connection, leaf, System.currentTimeMillis()))
					.isInstanceOf(SQLException.class);
			connection.rollback();
		}
		assertThat(fixture.countByState()).isEqualTo(Map.of("PENDING", 1L));
	}

	@Test
	void aSmallBatchWaitsForTheIntervalAndAFullOneDoesNot() throws SQLException {
		fixture.write(3);
		NotaryChainSettings patient = new NotaryChainSettings(AnvilNode.shared().rpcUrl(), chain.chainId(), chain.contractAddress(),
				false, null, null, ANCHORER_KEY, 4, java.time.Duration.ofHours(1), 1);
		Anchorer anchorer = new Anchorer(dataSource, chain, patient, new LeaderLease(dataSource, "node-a", 5_000));
		assertThat(anchorer.tick().newBatchId()).isNull();
		assertThat(fixture.countByState()).isEqualTo(Map.of("PENDING", 3L));

		fixture.write(6);
		Anchorer.TickResult full = anchorer.tick();
		assertThat(full.newBatchSize()).as(full.toString()).isEqualTo(4);
		// the next tick sees the first batch mined (one confirmation is final here) and takes the next full one
		Anchorer.TickResult next = anchorer.tick();
		assertThat(next.batchesFollowed()).isEqualTo(1);
		assertThat(next.newBatchSize()).isEqualTo(4);
		// one row left, far younger than an hour: it waits
		Anchorer.TickResult last = anchorer.tick();
		assertThat(last.newBatchId()).isNull();
		assertThat(fixture.countByState()).containsEntry("PENDING", 1L).containsEntry("FINAL", 8L);
	}

	@Test
	void aKeyThatMayNotAnchorSendsNothingAndVersionsWait() throws SQLException {
		fixture.write(2);
		Anchorer anchorer = anchorer("node-a", 100, 1, null);
		BigInteger nonceBefore;
		assertThat(chain.removeNotary(chain.signerAddress()).succeeded()).isTrue();
		try {
			nonceBefore = chain.nextNonce();
			Anchorer.TickResult refused = anchorer.tick();
			assertThat(refused.chainProblem()).contains("NotNotary");
			assertThat(chain.nextNonce()).isEqualTo(nonceBefore);
			assertThat(fixture.countByState()).isEqualTo(Map.of("PENDING", 2L));
		} finally {
			chain.addNotary(chain.signerAddress());
		}
		anchorer.tick();
		anchorer.tick();
		fixture.assertEveryVersionAnchoredExactlyOnce(2);
	}

	@Test
	void onlyTheLeaseHolderAnchors() throws SQLException {
		fixture.write(2);
		Anchorer a = anchorer("node-a", 100, 1, null);
		Anchorer b = anchorer("node-b", 100, 1, null);
		assertThat(a.tick().leader()).isTrue();
		assertThat(b.tick().leader()).isFalse();
		a.close();
		new LeaderLease(dataSource, "node-a", 5_000).release();
		assertThat(b.tick().leader()).isTrue();
		assertThat(a.tick().leader()).isFalse();
	}

	@Test
	void aCrashBeforeBroadcastIsFollowedByTheSameTransactionWithTheSameNonce() throws SQLException {
		fixture.write(4);
		Anchorer crashing = anchorer("node-a", 100, 1, transaction -> {
			throw new IllegalStateException("simulated crash before broadcast");
		});
		assertThatThrownBy(crashing::tick).hasMessageContaining("simulated crash");
		AnchorBatch stored = fixture.batches().get(0);
		assertThat(stored.state()).isEqualTo(BatchState.SIGNED);
		assertThat(stored.signedTransaction()).startsWith("0x");
		assertThat(chain.status(stored.transactionHash())).isEmpty();

		new LeaderLease(dataSource, "node-a", 5_000).release(); // the process is gone; its lease with it
		Anchorer restarted = anchorer("node-b", 100, 1, null);
		restarted.tick();
		restarted.tick();
		AnchorBatch after = fixture.batches().get(0);
		assertThat(fixture.batches()).hasSize(1);
		assertThat(after.transactionHash()).isEqualTo(stored.transactionHash());
		assertThat(after.nonce()).isEqualTo(stored.nonce());
		fixture.assertEveryVersionAnchoredExactlyOnce(4);
	}

	@Test
	void aCrashAfterBroadcastIsFollowedByTheSameTransactionAndAnchorsOnce() throws SQLException {
		fixture.write(4);
		Anchorer crashing = anchorer("node-a", 100, 1, transaction -> {
			chain.broadcast(transaction);
			throw new IllegalStateException("simulated crash after broadcast");
		});
		assertThatThrownBy(crashing::tick).hasMessageContaining("simulated crash");
		AnchorBatch stored = fixture.batches().get(0);
		assertThat(stored.state()).isEqualTo(BatchState.SIGNED);
		assertThat(chain.status(stored.transactionHash())).isPresent();

		Anchorer restarted = anchorer("node-a", 100, 1, null);
		restarted.tick();
		restarted.tick();
		assertThat(fixture.batches()).singleElement().satisfies(batch -> {
			assertThat(batch.transactionHash()).isEqualTo(stored.transactionHash());
			assertThat(batch.state()).isEqualTo(BatchState.FINAL);
		});
		fixture.assertEveryVersionAnchoredExactlyOnce(4);
	}

	@Test
	void aProcessKilledRightAfterBroadcastingIsFollowedByTheSameTransactionAndAnchorsOnce() throws Exception {
		fixture.write(6);
		FreshPostgresDatabase database = PostgresTestDatabase.shared();
		String javaBinary = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"), AnchorerProcess.class.getName(),
				database.jdbcUrl(), database.user(), AnvilNode.shared().rpcUrl(), chain.contractAddress(), ANCHORER_KEY, "node-killed")
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(137);

		AnchorBatch left = fixture.batches().get(0);
		assertThat(left.state()).isEqualTo(BatchState.SIGNED); // it died before recording the broadcast
		assertThat(chain.status(left.transactionHash())).isPresent(); // but the chain has it

		// the killed node's lease has to run out before another node (or the restarted one) leads
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> anchorer("node-b", 100, 1, null)
				.tick().leader());
		anchorer("node-b", 100, 1, null).tick();
		assertThat(fixture.batches()).singleElement().satisfies(batch -> {
			assertThat(batch.transactionHash()).isEqualTo(left.transactionHash());
			assertThat(batch.nonce()).isEqualTo(left.nonce());
			assertThat(batch.state()).isEqualTo(BatchState.FINAL);
		});
		fixture.assertEveryVersionAnchoredExactlyOnce(6);
	}

	@Test
	void anAnchorDroppedByAReorgIsSentAgainAndBecomesFinal() throws SQLException {
		fixture.write(3);
		Anchorer anchorer = anchorer("node-a", 100, 2, null);
		anchorer.tick();
		anchorer.tick();
		AnchorBatch confirmed = fixture.batches().get(0);
		assertThat(confirmed.state()).isEqualTo(BatchState.CONFIRMED);

		AnvilNode.shared().reorg(1);
		assertThat(chain.status(confirmed.transactionHash())).isEmpty();
		assertThat(chain.readAnchor(java.util.HexFormat.of().parseHex(confirmed.root()))).isEmpty();

		anchorer.tick(); // notices, broadcasts the same transaction again
		AnchorBatch resent = fixture.batches().get(0);
		assertThat(resent.broadcasts()).isEqualTo(2);
		AnvilNode.shared().mine(1);
		anchorer.tick();
		assertThat(fixture.batches()).singleElement().satisfies(batch -> {
			assertThat(batch.state()).isEqualTo(BatchState.FINAL);
			assertThat(batch.blockHash()).isNotEqualTo(confirmed.blockHash());
		});
		fixture.assertEveryVersionAnchoredExactlyOnce(3);
	}

	@Test
	void anAnchorWhoseNonceWentElsewhereAfterAReorgIsQueuedAgain() throws SQLException {
		fixture.write(3);
		Anchorer anchorer = anchorer("node-a", 100, 2, null);
		anchorer.tick();
		anchorer.tick();
		AnchorBatch dropped = fixture.batches().get(0);
		AnvilNode.shared().reorg(1);
		// another transaction of the same key takes the freed nonce
		byte[] otherRoot = new byte[32];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(otherRoot);
		SignedTransaction other = chain.signAnchor(otherRoot, 1, BigInteger.valueOf(dropped.nonce()), TransactionFees.current(rpc));
		chain.broadcast(other);
		chain.awaitReceipt(other.hash());

		Anchorer.TickResult noticed = anchorer.tick();
		assertThat(fixture.batches().get(0).state()).as(noticed + " " + chain.status(dropped.transactionHash()) + " nonce "
				+ chain.nextNonce() + " dropped " + dropped.nonce()).isEqualTo(BatchState.REQUEUED);
		// the same tick queued the versions again and, no batch being unmined, took them into a new one
		assertThat(noticed.newBatchSize()).isEqualTo(3);
		assertThat(fixture.batches().get(1).nonce()).isGreaterThan(dropped.nonce());
		AnvilNode.shared().mine(1);
		anchorer.tick();
		fixture.assertEveryVersionAnchoredExactlyOnce(3);
		assertThat(fixture.batches()).hasSize(2);
	}

	@Test
	void twoNodesOnOneDatabaseAnchorEveryVersionExactlyOnce() throws Exception {
		Anchorer a = anchorer("node-a", 50, 1, null);
		Anchorer b = anchorer("node-b", 50, 1, null);
		a.start(java.time.Duration.ofMillis(20));
		b.start(java.time.Duration.ofMillis(20));
		int writers = 4;
		int perWriter = 150;
		List<Thread> threads = new java.util.ArrayList<>();
		for (int i = 0; i < writers; i++) {
			Thread thread = new Thread(() -> {
				try {
					fixture.write(perWriter);
				} catch (SQLException e) {
					throw new IllegalStateException(e);
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
				.until(() -> fixture.countByState().equals(Map.of("FINAL", (long) writers * perWriter)));
		a.close();
		b.close();
		fixture.assertEveryVersionAnchoredExactlyOnce(writers * perWriter);
		System.out.printf("two nodes: %d versions in %d batches%n", writers * perWriter, fixture.batches().size());
	}
}
