package io.fhirnotary.notary.verify;

import io.fhirnotary.notary.anchor.AnchoredProof;
import io.fhirnotary.notary.anchor.AnchoredProofs;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background re-verification: walks the notarised versions in outbox order, recomputes each
 * leaf from the version as stored now (through {@link StoredVersions}, which the server supplies)
 * and checks it with {@link VersionVerifier}. Mismatches are logged by reference only (type, id,
 * version: no content) and counted for metrics. Resumable: each pass starts after a given row.
 */
public final class Reverifier {

	private static final Logger log = LoggerFactory.getLogger(Reverifier.class);

	/** The server's view of its stored versions. */
	@FunctionalInterface
	public interface StoredVersions {
		/**
		 * The leaf of the version as stored now: its salt and the content hash of what a vread
		 * returns (for a delete, of nothing); empty when the version is gone or unreadable.
		 */
		Optional<NotaryLeaf> recompute(String resourceType, String logicalId, String versionId);
	}

	/** One pass: how many versions ended in each result, the tampered and missing ones, where to go on. */
	public record Pass(Map<VersionVerifier.Result, Integer> counts, List<String> tampered, List<String> missing, long lastRowId) {
	}

	private final DataSource dataSource;
	private final EthereumRpc rpc;
	private final StoredVersions versions;

	public Reverifier(DataSource dataSource, EthereumRpc rpc, StoredVersions versions) {
		this.dataSource = dataSource;
		this.rpc = rpc;
		this.versions = versions;
	}

	/** Checks up to {@code limit} versions whose outbox row id is above {@code afterRowId}. */
	public Pass run(long afterRowId, int limit) throws SQLException {
		Map<VersionVerifier.Result, Integer> counts = new EnumMap<>(VersionVerifier.Result.class);
		List<String> tampered = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		long last = afterRowId;
		// one chain read per batch root in a pass, not one per version
		Map<String, Optional<io.fhirnotary.notary.chain.AnchorRecord>> anchors = new java.util.HashMap<>();
		VersionVerifier.AnchorLookup cached = (contract, root) -> anchors.computeIfAbsent(
				contract + "/" + java.util.HexFormat.of().formatHex(root),
				key -> new io.fhirnotary.notary.chain.ContractReader(rpc, contract).readAnchor(root));
		try (Connection connection = dataSource.getConnection()) {
			List<String[]> page = new ArrayList<>();
			List<Long> ids = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement("SELECT id, resource_type, resource_id, version_id "
					+ "FROM fhirnotary_outbox WHERE id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")) {
				select.setLong(1, afterRowId);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						ids.add(rows.getLong(1));
						page.add(new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
					}
				}
			}
			for (int i = 0; i < page.size(); i++) {
				String[] version = page.get(i);
				String reference = version[0] + "/" + version[1] + "/_history/" + version[2];
				last = ids.get(i);
				Optional<NotaryLeaf> stored = versions.recompute(version[0], version[1], version[2]);
				if (stored.isEmpty()) {
					// notarised but no longer stored: a deleted or swapped history row
					missing.add(reference);
					counts.merge(VersionVerifier.Result.TAMPERED, 1, Integer::sum);
					log.warn("notary re-verification: {} was notarised but is not stored any more", reference);
					continue;
				}
				Optional<AnchoredProof> recorded = AnchoredProofs.find(connection, version[0], version[1], version[2]);
				VersionVerifier.Verification result = VersionVerifier.verify(stored.get(), recorded, cached);
				counts.merge(result.result(), 1, Integer::sum);
				if (result.result() == VersionVerifier.Result.TAMPERED) {
					tampered.add(reference);
					log.warn("notary re-verification: {} is tampered: {}", reference, result.reason());
				}
			}
		}
		return new Pass(counts, tampered, missing, last);
	}
}
