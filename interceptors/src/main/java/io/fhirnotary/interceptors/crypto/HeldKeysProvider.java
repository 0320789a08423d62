package io.fhirnotary.interceptors.crypto;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What both key providers do alike: serve the keys of their latest {@link HeldKeys} snapshot, and
 * add or retire a KEK by changing the store, then reading it again. A subclass says how its store
 * is read and changed; it calls {@link #reload()} once its own fields are set.
 */
abstract class HeldKeysProvider implements KeyProvider {

	/** The KEK the operator pinned as primary, or null for the newest. */
	final String pinnedPrimary;
	private volatile HeldKeys held;

	HeldKeysProvider(String pinnedPrimary) {
		this.pinnedPrimary = pinnedPrimary == null || pinnedPrimary.isBlank() ? null : pinnedPrimary.strip();
	}

	/** Reads every key from the store. */
	abstract HeldKeys read() throws IOException;

	/** Stores a new AES-256 KEK as {@link HeldKeys#nextKekAlias}. */
	abstract void storeNextKek() throws IOException;

	/** Deletes the KEK {@code kekId} from the store. */
	abstract void deleteKek(String kekId) throws IOException;

	/** What messages call the store: "keystore", "token". */
	abstract String storeKind();

	final void reload() throws IOException {
		held = read();
	}

	@Override
	public final KeyEncryptionKey primary() {
		return held.primary();
	}

	@Override
	public final Optional<KeyEncryptionKey> find(String kekId) {
		return held.find(kekId);
	}

	@Override
	public final List<String> ids() {
		return held.ids();
	}

	@Override
	public final BlindIndexKey indexKey() {
		return held.indexKey();
	}

	@Override
	public final synchronized KeyEncryptionKey addPrimaryKek() throws IOException {
		storeNextKek();
		reload();
		return primary();
	}

	@Override
	public final synchronized void retireKek(String kekId) throws IOException {
		held.requireRetirable(kekId, storeKind());
		deleteKek(kekId);
		reload();
	}
}
