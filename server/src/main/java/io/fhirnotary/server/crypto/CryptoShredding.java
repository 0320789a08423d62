package io.fhirnotary.server.crypto;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import io.fhirnotary.server.crypto.BodyTable.CurrentResource;
import io.fhirnotary.server.crypto.DataKeyTable.StoredDataKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crypto-shredding one patient: in one transaction, delete (through HAPI, so search indexes go
 * and reads answer 410) every resource whose current version is encrypted with the patient's data
 * key, then destroy that key. Every earlier version stays in the database as ciphertext nobody can
 * open; reading it answers 410 Gone.
 *
 * <p>What it does not erase (docs/ENCRYPTION.md): resources under the shared key that mention the
 * patient among others; opaque ids, version counts and timestamps in HAPI's tables; and backups,
 * which keep the wrapped key until the KEK that wrapped it is retired.
 */
final class CryptoShredding {

	private static final Logger log = LoggerFactory.getLogger(CryptoShredding.class);

	/** What an erasure did. */
	record Result(String patient, String dataKeyId, int resourcesDeleted) {}

	/** The request cannot be carried out (client error); {@code status} is the HTTP status. */
	static final class ShredRefused extends Exception {
		final int status;

		ShredRefused(int status, String message) {
			super(message);
			this.status = status;
		}
	}

	private final DataKeyTable keyTable;
	private final BodyTable bodies;
	private final CompartmentKeys keys;
	private final DaoRegistry daos;
	private final TransactionTemplate transaction;

	CryptoShredding(
			DataKeyTable keyTable, BodyTable bodies, CompartmentKeys keys, DaoRegistry daos, TransactionTemplate transaction) {
		this.keyTable = keyTable;
		this.bodies = bodies;
		this.keys = keys;
		this.daos = daos;
		this.transaction = transaction;
	}

	Result shred(String patientId) throws ShredRefused {
		String compartment = CompartmentKeys.compartmentOf(patientId);
		StoredDataKey stored = keyTable.byCompartment(compartment)
				.orElseThrow(() -> new ShredRefused(404, "No encrypted data is stored for Patient/" + patientId));
		if (stored.destroyed()) {
			throw new ShredRefused(410, "Patient/" + patientId + " was already erased");
		}
		Result result;
		try {
			result = transaction.execute(status -> erase(compartment, stored.keyId()));
		} catch (ConflictsOutside conflicts) {
			throw new ShredRefused(409, conflicts.getMessage());
		}
		keys.forget(stored.keyId(), compartment);
		log.info("Crypto-shredded {}: data key {} destroyed, {} resource(s) deleted",
				compartment, stored.keyId(), result.resourcesDeleted());
		return result;
	}

	private Result erase(String compartment, String keyId) {
		List<CurrentResource> targets = bodies.currentResourcesUnder(keyId);
		Set<String> targetIds = new LinkedHashSet<>();
		DeleteConflictList conflicts = new DeleteConflictList();
		for (CurrentResource target : targets) {
			IdType id = new IdType(target.resourceType(), target.logicalId());
			targetIds.add(id.getValue());
			conflicts.setResourceIdMarkedForDeletion(id);
		}
		// Internal work, not the caller's: no write rules or per-resource audit for these deletes;
		// the operation itself is audited as one request.
		SystemRequestDetails system = new SystemRequestDetails();
		TransactionDetails details = new TransactionDetails();
		for (CurrentResource target : targets) {
			daos.getResourceDao(target.resourceType())
					.delete(new IdType(target.resourceType(), target.logicalId()), conflicts, system, details);
		}
		conflicts.removeIf(conflict -> targetIds.contains(versionless(conflict.getSourceId())));
		if (!conflicts.isEmpty()) {
			List<String> sources = new ArrayList<>();
			for (DeleteConflict conflict : conflicts) {
				sources.add(versionless(conflict.getSourceId()));
			}
			throw new ConflictsOutside("Resources outside the patient's compartment still reference it: "
					+ String.join(", ", new LinkedHashSet<>(sources)));
		}
		if (!keyTable.destroy(keyId)) {
			throw new IllegalStateException("Data key " + keyId + " changed during the erasure");
		}
		keys.forget(keyId, compartment);
		return new Result(compartment, keyId, targets.size());
	}

	private static String versionless(IIdType id) {
		return Optional.ofNullable(id).map(IIdType::toUnqualifiedVersionless).map(IIdType::getValue).orElse("");
	}

	/** Unchecked so it can leave the transaction callback (and roll it back). */
	private static final class ConflictsOutside extends RuntimeException {
		ConflictsOutside(String message) {
			super(message);
		}
	}
}
