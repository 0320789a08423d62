package io.fhirnotary.notary.verify;

import io.fhirnotary.notary.anchor.AnchoredProof;
import io.fhirnotary.notary.anchor.AnchoredProofs;
import io.fhirnotary.notary.chain.AnchorRecord;
import io.fhirnotary.notary.chain.ContractReader;
import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
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
 *
 * <p>A version that is notarised but no longer stored (a history row deleted behind the server's
 * back) counts as {@code UNKNOWN} and is listed as missing, as {@code $verify} reports it; an erased
 * one (crypto-shredded: its salt or content destroyed on purpose) counts as {@code UNKNOWN} too but
 * is no alarm, so it is only counted.
 */
public final class Reverifier {

	private static final Logger log = LoggerFactory.getLogger(Reverifier.class);

	/** The server's view of its stored versions. */
	@FunctionalInterface
	public interface StoredVersions {
		/** The version as stored now: its recomputed leaf, or why there is none. */
		Stored recompute(String resourceType, String logicalId, String versionId);
	}

	/** What the server found for a notarised version; {@code leaf} is set only for {@link Kind#LEAF}. */
	public record Stored(Kind kind, NotaryLeaf leaf, String reason) {

		public enum Kind {
			/** stored and readable: its leaf (salt + content hash of what a vread returns) is recomputed */
			LEAF,
			/** no such version is stored any more */
			MISSING,
			/** erased on purpose: its salt or content was destroyed with its patient's data key */
			ERASED,
			/** stored, but its body or salt fails an integrity check */
			ALTERED
		}

		public static Stored of(NotaryLeaf leaf) {
			return new Stored(Kind.LEAF, leaf, null);
		}

		public static Stored missing() {
			return new Stored(Kind.MISSING, null, "it was notarised but is not stored any more");
		}

		public static Stored erased() {
			return new Stored(Kind.ERASED, null, "it was erased");
		}

		public static Stored altered(String reason) {
			return new Stored(Kind.ALTERED, null, reason);
		}
	}

	/**
	 * One pass: how many versions ended in each result, the references of the tampered and the
	 * missing ones, how many were erased, and the last outbox row id seen (where the next pass goes on).
	 */
	public record Pass(Map<VersionVerifier.Result, Integer> counts, List<String> tampered, List<String> missing, int erased,
			long lastRowId) {

		public int checked() {
			return counts.values().stream().mapToInt(Integer::intValue).sum();
		}
	}

	private record Row(long id, String resourceType, String logicalId, String versionId) {
		String reference() {
			return resourceType + "/" + logicalId + "/_history/" + versionId;
		}
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
		int erased = 0;
		long last = afterRowId;
		// one chain read per batch root in a pass, not one per version
		Map<String, Optional<AnchorRecord>> anchors = new HashMap<>();
		VersionVerifier.AnchorLookup cached = (contract, root) -> anchors.computeIfAbsent(
				contract + "/" + HexFormat.of().formatHex(root), key -> new ContractReader(rpc, contract).readAnchor(root));
		try (Connection connection = dataSource.getConnection()) {
			for (Row row : page(connection, afterRowId, limit)) {
				last = row.id();
				Stored stored = versions.recompute(row.resourceType(), row.logicalId(), row.versionId());
				VersionVerifier.Result result;
				switch (stored.kind()) {
					case MISSING -> {
						missing.add(row.reference());
						result = VersionVerifier.Result.UNKNOWN;
						log.warn("notary re-verification: {} was notarised but is not stored any more", row.reference());
					}
					case ERASED -> {
						erased++;
						result = VersionVerifier.Result.UNKNOWN;
					}
					case ALTERED -> {
						tampered.add(row.reference());
						result = VersionVerifier.Result.TAMPERED;
						log.warn("notary re-verification: {} is tampered: {}", row.reference(), stored.reason());
					}
					default -> {
						Optional<AnchoredProof> recorded = AnchoredProofs.find(connection, row.resourceType(), row.logicalId(),
								row.versionId());
						VersionVerifier.Verification verification = VersionVerifier.verify(stored.leaf(), recorded, cached);
						result = verification.result();
						if (result == VersionVerifier.Result.TAMPERED) {
							tampered.add(row.reference());
							log.warn("notary re-verification: {} is tampered: {}", row.reference(), verification.reason());
						}
					}
				}
				counts.merge(result, 1, Integer::sum);
			}
		}
		return new Pass(counts, tampered, missing, erased, last);
	}

	private static List<Row> page(Connection connection, long afterRowId, int limit) throws SQLException {
		List<Row> page = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT id, resource_type, resource_id, version_id "
				+ "FROM fhirnotary_outbox WHERE id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")) {
			select.setLong(1, afterRowId);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					page.add(new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
				}
			}
		}
		return page;
	}
}
