package io.fhirnotary.server.notary;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.verify.Reverifier;
import io.fhirnotary.server.audit.journal.JournalEvents;
import io.fhirnotary.server.crypto.VersionSecretKeys;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recomputes the leaf of a version as it is stored now: its salt, and the content hash of what a
 * vread of it returns (read through HAPI's DAO, so whatever a vread passes through — decryption of
 * encrypted bodies included — is passed through here too). Reads as the server, outside consent:
 * who may learn the result is decided by {@link NotaryAccess} before.
 */
final class StoredVersionLeaves implements Reverifier.StoredVersions {

	/**
	 * A stored version as a vread finds it: its resource, or none when the version is a deletion or
	 * its content is gone (HAPI answers both with 410, e.g. after crypto-shredding), or when its body
	 * cannot be read back (an encrypted body failing its integrity check answers 500).
	 */
	record StoredVersion(IBaseResource resource, boolean gone, boolean unreadable) {
	}

	private final DaoRegistry daos;
	private final JournalEvents journal;
	private final JdbcTemplate jdbc;
	private final VersionJson versionJson;
	private final VersionSecretKeys keys;

	StoredVersionLeaves(DaoRegistry daos, JournalEvents journal, JdbcTemplate jdbc, VersionJson versionJson, VersionSecretKeys keys) {
		this.daos = daos;
		this.journal = journal;
		this.jdbc = jdbc;
		this.versionJson = versionJson;
		this.keys = keys;
	}

	/** The version as a vread finds it; empty when the type is unknown or there is no such version. */
	Optional<StoredVersion> read(String resourceType, String logicalId, String versionId) {
		if (!daos.isResourceTypeSupported(resourceType)) {
			return Optional.empty();
		}
		if (isJournalEvent(resourceType, logicalId)) {
			return readJournalEvent(logicalId, versionId);
		}
		IFhirResourceDao<?> dao = daos.getResourceDao(resourceType);
		IdType id = versionId == null ? new IdType(resourceType, logicalId) : new IdType(resourceType, logicalId, versionId);
		try {
			return Optional.of(new StoredVersion(dao.read(id, asServer()), false, false));
		} catch (ResourceGoneException e) {
			return Optional.of(new StoredVersion(null, true, false));
		} catch (ResourceNotFoundException e) {
			return Optional.empty();
		} catch (InternalErrorException e) {
			return Optional.of(new StoredVersion(null, false, true));
		}
	}

	/** An AuditEvent of the audit journal: one version, never updated or deleted. */
	private static boolean isJournalEvent(String resourceType, String logicalId) {
		return "AuditEvent".equals(resourceType) && JournalEvents.isJournalId(logicalId);
	}

	private Optional<StoredVersion> readJournalEvent(String logicalId, String versionId) {
		if (versionId != null && !"1".equals(versionId)) {
			return Optional.empty();
		}
		try {
			return journal.find(logicalId).map(event -> new StoredVersion(event, false, false));
		} catch (ResourceGoneException e) {
			return Optional.of(new StoredVersion(null, true, false));
		} catch (InternalErrorException e) {
			return Optional.of(new StoredVersion(null, false, true));
		}
	}

	/** The current version id of a resource, deleted or not; empty when it never existed. */
	Optional<String> currentVersion(String resourceType, String logicalId) {
		if (!daos.isResourceTypeSupported(resourceType)) {
			return Optional.empty();
		}
		if (isJournalEvent(resourceType, logicalId)) {
			return readJournalEvent(logicalId, null).map(found -> "1");
		}
		try {
			IBaseResource current = daos.getResourceDao(resourceType).read(new IdType(resourceType, logicalId), asServer(), true);
			return Optional.ofNullable(current.getIdElement().getVersionIdPart());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	/** The version's salt as the sealed-salt table gives it (opened with the compartment's data key). */
	NotarySalts.Lookup salt(String resourceType, String logicalId, String versionId) {
		return jdbc.execute((ConnectionCallback<NotarySalts.Lookup>) connection ->
				NotarySalts.find(connection, keys, resourceType, logicalId, versionId));
	}

	/**
	 * The leaf of a readable stored version with its salt, given the operation the outbox recorded
	 * for it: a version without content (410) counts as a delete, any other as the recorded create
	 * or update.
	 */
	NotaryLeaf leaf(String resourceType, String logicalId, String versionId, Operation recorded, StoredVersion version, byte[] salt) {
		Operation operation = version.gone() ? Operation.DELETE
				: recorded == Operation.DELETE ? Operation.UPDATE : recorded;
		return NotaryLeaf.ofVersion(salt, resourceType, logicalId, versionId, operation,
				version.gone() ? null : versionJson.of(version.resource()));
	}

	@Override
	public Reverifier.Stored recompute(String resourceType, String logicalId, String versionId) {
		Operation recorded = jdbc.query("SELECT operation FROM fhirnotary_outbox WHERE resource_type = ? AND resource_id = ? "
				+ "AND version_id = ?", rows -> rows.next() ? Operation.ofWireName(rows.getString(1)) : Operation.UPDATE,
				resourceType, logicalId, versionId);
		Optional<StoredVersion> stored = read(resourceType, logicalId, versionId);
		if (stored.isEmpty()) {
			return Reverifier.Stored.missing();
		}
		if (stored.get().unreadable()) {
			return Reverifier.Stored.altered("its body fails the integrity check");
		}
		NotarySalts.Lookup salt = salt(resourceType, logicalId, versionId);
		if (salt.state() == NotarySalts.State.ERASED || stored.get().gone() && recorded != Operation.DELETE) {
			return Reverifier.Stored.erased();
		}
		if (salt.state() != NotarySalts.State.FOUND) {
			return Reverifier.Stored.altered(salt.state() == NotarySalts.State.MISSING ? "its leaf salt is missing"
					: "its sealed leaf salt fails its integrity check");
		}
		return Reverifier.Stored.of(leaf(resourceType, logicalId, versionId, recorded, stored.get(), salt.salt()));
	}

	private static SystemRequestDetails asServer() {
		SystemRequestDetails request = new SystemRequestDetails();
		ConsentInterceptor.skipAllConsentForRequest(request);
		return request;
	}
}
