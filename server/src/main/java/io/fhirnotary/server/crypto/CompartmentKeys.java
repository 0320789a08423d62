package io.fhirnotary.server.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.interceptors.crypto.KeyEncryptionKeys;
import io.fhirnotary.interceptors.crypto.WrappedDataKey;
import io.fhirnotary.server.crypto.DataKeyTable.StoredDataKey;
import java.time.Duration;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data key of each compartment: found in {@code fn_data_key}, created (in its own short
 * transaction) on the compartment's first write, and kept unwrapped in a bounded in-memory cache
 * so a body costs one AES-GCM operation, not a KEK unwrap.
 *
 * <p>Reads pass the wrapped key the body query brought along, so a key destroyed by another node
 * is noticed on the next read (the row says so) and dropped from this node's cache. The compartment
 * → key-id cache used for writes expires after a few minutes for the same reason.
 */
final class CompartmentKeys {

	/** The compartment of resources that belong to no single patient. */
	static final String SHARED = "*shared*";

	/** Thrown when the compartment's key was destroyed: its data was erased. */
	static final class CompartmentErasedException extends Exception {
		CompartmentErasedException(String compartment) {
			super("The data key of " + compartment + " was destroyed");
		}
	}

	private final DataKeyTable table;
	private final KeyEncryptionKeys keks;
	private final TransactionTemplate newTransaction;
	private final Cache<String, String> keyIdByCompartment;
	private final Cache<String, DataKey> keysById;

	CompartmentKeys(DataKeyTable table, KeyEncryptionKeys keks, TransactionTemplate newTransaction, int cacheSize) {
		this.table = table;
		this.keks = keks;
		this.newTransaction = newTransaction;
		this.keyIdByCompartment =
				Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(Duration.ofMinutes(5)).build();
		this.keysById = Caffeine.newBuilder().maximumSize(cacheSize).build();
	}

	static String compartmentOf(String patientId) {
		return "Patient/" + patientId;
	}

	/** The key new bodies of this compartment are encrypted with; created on first use. */
	DataKey forWriting(String compartment) throws CompartmentErasedException, InvalidCiphertextException {
		String keyId = keyIdByCompartment.getIfPresent(compartment);
		if (keyId != null) {
			DataKey cached = keysById.getIfPresent(keyId);
			if (cached != null) {
				return cached;
			}
		}
		StoredDataKey stored = table.byCompartment(compartment).orElseGet(() -> create(compartment));
		if (stored.destroyed()) {
			keyIdByCompartment.invalidate(compartment);
			keysById.invalidate(stored.keyId());
			throw new CompartmentErasedException(compartment);
		}
		DataKey key = unwrapCached(stored.wrapped());
		keyIdByCompartment.put(compartment, key.id());
		return key;
	}

	/**
	 * The key a stored body names, given the wrapped key read with it (null: destroyed or missing).
	 *
	 * @return empty when the key no longer exists (crypto-shredded)
	 */
	Optional<DataKey> forReading(String keyId, WrappedDataKey wrapped) throws InvalidCiphertextException {
		if (wrapped == null) {
			keysById.invalidate(keyId);
			return Optional.empty();
		}
		return Optional.of(unwrapCached(wrapped));
	}

	/** Drops a key from this node's caches (after it was destroyed). */
	void forget(String keyId, String compartment) {
		keysById.invalidate(keyId);
		keyIdByCompartment.invalidate(compartment);
	}

	private DataKey unwrapCached(WrappedDataKey wrapped) throws InvalidCiphertextException {
		DataKey cached = keysById.getIfPresent(wrapped.dataKeyId());
		if (cached != null) {
			return cached;
		}
		DataKey key = keks.unwrap(wrapped);
		keysById.put(key.id(), key);
		return key;
	}

	/**
	 * Creates and commits the compartment's key in a transaction of its own, so the key exists
	 * whatever happens to the write that needed it; a concurrent creator wins the unique index and
	 * its key is used instead.
	 */
	private StoredDataKey create(String compartment) {
		DataKey key = DataKey.generate();
		WrappedDataKey wrapped = keks.primary().wrap(key);
		try {
			newTransaction.executeWithoutResult(status -> table.insert(compartment, wrapped));
			keysById.put(key.id(), key);
			return new StoredDataKey(key.id(), compartment, wrapped);
		} catch (DuplicateKeyException raced) {
			return newTransaction.execute(status -> table.byCompartment(compartment))
					.orElseThrow(() -> new IllegalStateException("Data key of a compartment vanished"));
		}
	}
}
