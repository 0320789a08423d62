package io.fhirnotary.notary.anchor;

import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Looks up what the notary recorded for a resource version ($verify, $notary-receipt). Plain JDBC. */
public final class AnchoredProofs {

	private static final HexFormat HEX = HexFormat.of();

	private AnchoredProofs() {
	}

	public static Optional<AnchoredProof> find(Connection connection, String resourceType, String logicalId, String versionId)
			throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT o.operation, o.leaf_hash, o.state, o.leaf_index, "
				+ "o.audit_path, b.state, b.root, b.leaf_count, b.chain_id, b.contract_address, b.tx_hash, b.block_number, b.block_hash "
				+ "FROM fhirnotary_outbox o LEFT JOIN fhirnotary_anchor_batch b ON b.id = o.batch_id "
				+ "WHERE o.resource_type = ? AND o.resource_id = ? AND o.version_id = ?")) {
			select.setString(1, resourceType);
			select.setString(2, logicalId);
			select.setString(3, versionId);
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					return Optional.empty();
				}
				String batchState = row.getString(6);
				boolean batched = batchState != null;
				long blockNumber = row.getLong(12);
				boolean mined = batched && !row.wasNull() && row.getString(13) != null;
				NotaryReceipt.ChainAnchor anchor = mined ? new NotaryReceipt.ChainAnchor(row.getLong(9), row.getString(10),
						row.getString(11), blockNumber, row.getString(13)) : null;
				return Optional.of(new AnchoredProof(resourceType, logicalId, versionId, Operation.ofWireName(row.getString(1)),
						HEX.parseHex(row.getString(2).trim()), row.getString(3), batched ? BatchState.valueOf(batchState) : null,
						batched ? (long) row.getInt(4) : null, batched ? (long) row.getInt(8) : null,
						batched ? Anchorer.decodePath(row.getString(5)) : List.of(), batched ? HEX.parseHex(row.getString(7).trim()) : null,
						anchor));
			}
		}
	}
}
