package io.fhirnotary.server.crypto;

import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.interceptors.crypto.KeyEncryptionKey;
import io.fhirnotary.interceptors.crypto.KeyProvider;
import io.fhirnotary.interceptors.crypto.WrappedDataKey;
import io.fhirnotary.server.crypto.DataKeyTable.StoredDataKey;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * KEK rotation, online: add a new primary KEK to the keystore, then re-wrap every data key with it
 * in small transactions while the server keeps serving (bodies are untouched; cached unwrapped keys
 * stay valid). Progress goes to the log after every batch. Afterwards the old KEK wraps nothing and
 * can be {@link #retire retired}.
 */
final class KekRotation {

	private static final Logger log = LoggerFactory.getLogger(KekRotation.class);
	private static final int MAX_PASSES = 3;

	/** What a rotation did. */
	record Result(String primaryKek, long rewrapped, long failed, Map<String, Long> keysPerKek) {}

	/** Thrown when the request cannot be carried out as asked (a client error). */
	static final class RotationRefused extends Exception {
		RotationRefused(String message) {
			super(message);
		}
	}

	private final KeyProvider keystore;
	private final DataKeyTable table;
	private final TransactionTemplate transaction;
	private final int batchSize;
	private final AtomicBoolean running = new AtomicBoolean();

	KekRotation(KeyProvider keystore, DataKeyTable table, TransactionTemplate transaction, int batchSize) {
		this.keystore = keystore;
		this.table = table;
		this.transaction = transaction;
		this.batchSize = batchSize;
	}

	/**
	 * @param addKek add a new primary KEK first; false only re-wraps what the current primary does
	 *               not wrap yet (finishing an interrupted rotation)
	 */
	Result rotate(boolean addKek) throws RotationRefused, IOException {
		if (!running.compareAndSet(false, true)) {
			throw new RotationRefused("A key rotation is already running");
		}
		try {
			KeyEncryptionKey primary = addKek ? keystore.addPrimaryKek() : keystore.primary();
			long total = table.countByKek().entrySet().stream()
					.filter(e -> !e.getKey().equals(primary.id()))
					.mapToLong(Map.Entry::getValue)
					.sum();
			log.info("KEK rotation: {} is primary; {} data key(s) to re-wrap", primary.id(), total);
			long rewrapped = 0;
			long failed = 0;
			for (int pass = 0; pass < MAX_PASSES; pass++) {
				long[] counts = pass(primary, total, rewrapped);
				rewrapped += counts[0];
				failed = counts[1];
				if (counts[0] == 0) {
					break; // nothing left that can be re-wrapped (keys created meanwhile included)
				}
			}
			Map<String, Long> perKek = table.countByKek();
			log.info("KEK rotation to {} done: {} re-wrapped, {} failed; data keys per KEK {}",
					primary.id(), rewrapped, failed, perKek);
			return new Result(primary.id(), rewrapped, failed, perKek);
		} finally {
			running.set(false);
		}
	}

	/** Removes a KEK from the keystore once no data key needs it. */
	void retire(String kekId) throws RotationRefused, IOException {
		if (kekId.equals(keystore.primary().id())) {
			throw new RotationRefused(kekId + " is the primary key-encryption key; rotate first");
		}
		if (keystore.find(kekId).isEmpty()) {
			throw new RotationRefused("The keystore holds no key-encryption key " + kekId);
		}
		long stillWrapped = table.countByKek().getOrDefault(kekId, 0L);
		if (stillWrapped > 0) {
			throw new RotationRefused(stillWrapped + " data key(s) are still wrapped by " + kekId + "; run $rotate-kek first");
		}
		keystore.retireKek(kekId);
		log.info("Key-encryption key {} retired", kekId);
	}

	/** @return {rewrapped, failed} in one walk over the keys in key-id order */
	private long[] pass(KeyEncryptionKey primary, long total, long doneBefore) {
		long rewrapped = 0;
		long failed = 0;
		String after = "";
		while (true) {
			List<StoredDataKey> batch = table.notWrappedBy(primary.id(), after, batchSize);
			if (batch.isEmpty()) {
				return new long[] {rewrapped, failed};
			}
			after = batch.get(batch.size() - 1).keyId();
			long[] counts = transaction.execute(status -> rewrapBatch(primary, batch));
			rewrapped += counts[0];
			failed += counts[1];
			log.info("KEK rotation to {}: {} of {} data key(s) re-wrapped{}", primary.id(), doneBefore + rewrapped, total,
					failed > 0 ? ", " + failed + " not unwrappable" : "");
		}
	}

	private long[] rewrapBatch(KeyEncryptionKey primary, List<StoredDataKey> batch) {
		long rewrapped = 0;
		long failed = 0;
		for (StoredDataKey stored : batch) {
			WrappedDataKey old = stored.wrapped();
			try {
				DataKey key = keystore.unwrap(old);
				if (table.rewrap(old, primary.wrap(key))) {
					rewrapped++;
				}
			} catch (InvalidCiphertextException e) {
				failed++;
				log.error("KEK rotation: data key {} cannot be unwrapped: {}", stored.keyId(), e.getMessage());
			}
		}
		return new long[] {rewrapped, failed};
	}
}
