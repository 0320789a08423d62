package io.fhirnotary.notary.anchor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The anchorer's SQL over the outbox and batch tables (V20__notary_outbox.sql); plain JDBC. */
final class BatchRepository {

	/** A pending outbox row as the anchorer claims it. */
	record PendingLeaf(long outboxId, String leafHash, long capturedAtMillis) {
	}

	private static final String BATCH_COLUMNS = "id, root, leaf_count, state, chain_id, contract_address, signer_address, "
			+ "nonce, signed_tx, tx_hash, block_number, block_hash, gas_used, broadcasts, updated_at_ms";

	private BatchRepository() {
	}

	/** Locks up to {@code limit} pending rows, oldest first, skipping rows another transaction holds. */
	static List<PendingLeaf> claimPending(Connection connection, int limit) throws SQLException {
		List<PendingLeaf> claimed = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT id, leaf_hash, captured_at_ms FROM fhirnotary_outbox "
				+ "WHERE state = 'PENDING' ORDER BY id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					claimed.add(new PendingLeaf(rows.getLong(1), rows.getString(2).trim(), rows.getLong(3)));
				}
			}
		}
		return claimed;
	}

	static boolean anyPending(javax.sql.DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"SELECT id FROM fhirnotary_outbox WHERE state = 'PENDING' FETCH FIRST 1 ROWS ONLY");
				ResultSet rows = select.executeQuery()) {
			return rows.next();
		}
	}

	static long insertBatch(Connection connection, String root, int leafCount, long chainId, String contract, String signer,
			long nonce, String signedTx, String txHash, long nowMillis) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO fhirnotary_anchor_batch "
				+ "(root, leaf_count, state, chain_id, contract_address, signer_address, nonce, signed_tx, tx_hash, broadcasts, "
				+ "created_at_ms, updated_at_ms) VALUES (?, ?, 'SIGNED', ?, ?, ?, ?, ?, ?, 0, ?, ?)",
				Statement.RETURN_GENERATED_KEYS)) {
			insert.setString(1, root);
			insert.setInt(2, leafCount);
			insert.setLong(3, chainId);
			insert.setString(4, contract);
			insert.setString(5, signer);
			insert.setLong(6, nonce);
			insert.setString(7, signedTx);
			insert.setString(8, txHash);
			insert.setLong(9, nowMillis);
			insert.setLong(10, nowMillis);
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

	/** Records each claimed row's place in the batch's tree and its proof. */
	static void assignToBatch(Connection connection, long batchId, List<PendingLeaf> leaves, List<String> auditPaths)
			throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("UPDATE fhirnotary_outbox "
				+ "SET state = 'SUBMITTED', batch_id = ?, leaf_index = ?, audit_path = ? WHERE id = ? AND state = 'PENDING'")) {
			for (int i = 0; i < leaves.size(); i++) {
				update.setLong(1, batchId);
				update.setInt(2, i);
				update.setString(3, auditPaths.get(i));
				update.setLong(4, leaves.get(i).outboxId());
				update.addBatch();
			}
			int[] counts = update.executeBatch();
			for (int count : counts) {
				if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
					throw new SQLException("an outbox row claimed for batch " + batchId + " was no longer pending");
				}
			}
		}
	}

	/** Batches not yet final or abandoned, oldest first. */
	static List<AnchorBatch> openBatches(Connection connection) throws SQLException {
		List<AnchorBatch> batches = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM fhirnotary_anchor_batch "
				+ "WHERE state IN ('SIGNED', 'SUBMITTED', 'CONFIRMED') ORDER BY id")) {
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					batches.add(read(rows));
				}
			}
		}
		return batches;
	}

	static AnchorBatch find(Connection connection, long batchId) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM fhirnotary_anchor_batch WHERE id = ?")) {
			select.setLong(1, batchId);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? read(rows) : null;
			}
		}
	}

	/** Moves a batch and its rows to a new state; the rows follow except for SIGNED and REQUEUED. */
	static void moveBatch(Connection connection, long batchId, BatchState state, Long blockNumber, String blockHash, Long gasUsed,
			boolean broadcastAgain, long nowMillis) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("UPDATE fhirnotary_anchor_batch SET state = ?, block_number = ?, "
				+ "block_hash = ?, gas_used = ?, broadcasts = broadcasts + ?, updated_at_ms = ? WHERE id = ?")) {
			update.setString(1, state.name());
			setLong(update, 2, blockNumber);
			update.setString(3, blockHash);
			setLong(update, 4, gasUsed);
			update.setInt(5, broadcastAgain ? 1 : 0);
			update.setLong(6, nowMillis);
			update.setLong(7, batchId);
			update.executeUpdate();
		}
		if (state == BatchState.SUBMITTED || state == BatchState.CONFIRMED || state == BatchState.FINAL) {
			try (PreparedStatement rows = connection.prepareStatement("UPDATE fhirnotary_outbox SET state = ? WHERE batch_id = ?")) {
				rows.setString(1, state.name());
				rows.setLong(2, batchId);
				rows.executeUpdate();
			}
		}
	}

	/** Abandons a batch and puts its versions back in the queue, for a later batch. */
	static int requeue(Connection connection, long batchId, long nowMillis) throws SQLException {
		moveBatch(connection, batchId, BatchState.REQUEUED, null, null, null, false, nowMillis);
		try (PreparedStatement rows = connection.prepareStatement("UPDATE fhirnotary_outbox "
				+ "SET state = 'PENDING', batch_id = NULL, leaf_index = NULL, audit_path = NULL WHERE batch_id = ?")) {
			rows.setLong(1, batchId);
			return rows.executeUpdate();
		}
	}

	private static AnchorBatch read(ResultSet rows) throws SQLException {
		return new AnchorBatch(rows.getLong(1), rows.getString(2).trim(), rows.getInt(3), BatchState.valueOf(rows.getString(4)),
				rows.getLong(5), rows.getString(6), rows.getString(7), rows.getLong(8), rows.getString(9), rows.getString(10),
				nullableLong(rows, 11), rows.getString(12), nullableLong(rows, 13), rows.getInt(14), rows.getLong(15));
	}

	private static Long nullableLong(ResultSet rows, int column) throws SQLException {
		long value = rows.getLong(column);
		return rows.wasNull() ? null : value;
	}

	private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
		if (value == null) {
			statement.setNull(index, java.sql.Types.BIGINT);
		} else {
			statement.setLong(index, value);
		}
	}
}
