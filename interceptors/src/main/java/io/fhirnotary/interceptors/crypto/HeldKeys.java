package io.fhirnotary.interceptors.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys a {@link KeyProvider} holds at one moment, and the layout rules every provider shares:
 * KEKs are the entries {@code kek-<n>}, the highest {@code n} is primary unless the operator pinned
 * another, the primary cannot be retired. Immutable: a provider replaces its snapshot after a change.
 */
final class HeldKeys {

	private static final Pattern KEK_ALIAS = Pattern.compile(Pkcs12KeyStore.KEK_PREFIX + "([1-9][0-9]{0,8})");

	/** Turns the entry {@code alias} of the store being read into a KEK. */
	interface KekReader {
		KeyEncryptionKey read(String alias) throws GeneralSecurityException, IOException;
	}

	/** Reads the store's {@code index-hmac-1} entry. */
	interface IndexKeyReader {
		BlindIndexKey read() throws GeneralSecurityException, IOException;
	}

	private final Map<String, KeyEncryptionKey> keks;
	private final String primary;
	private final BlindIndexKey indexKey;

	private HeldKeys(Map<String, KeyEncryptionKey> keks, String primary, BlindIndexKey indexKey) {
		this.keks = keks;
		this.primary = primary;
		this.indexKey = indexKey;
	}

	/**
	 * Reads every {@code kek-<n>} entry of {@code store}, then the index key.
	 *
	 * @param pinnedPrimary the operator's choice of primary, or null for the newest KEK
	 * @param where         the store, as error messages name it
	 */
	static HeldKeys read(
			KeyStore store, KekReader kekReader, String pinnedPrimary, IndexKeyReader indexKeyReader, String where)
			throws GeneralSecurityException, IOException {
		List<Integer> numbers = kekNumbers(store);
		if (numbers.isEmpty()) {
			throw new IOException("The " + where + " holds no " + Pkcs12KeyStore.KEK_PREFIX + "<n> key");
		}
		Map<String, KeyEncryptionKey> keks = new LinkedHashMap<>();
		for (int n : numbers) {
			String alias = Pkcs12KeyStore.KEK_PREFIX + n;
			keks.put(alias, kekReader.read(alias));
		}
		String primary = pinnedPrimary != null ? pinnedPrimary : Pkcs12KeyStore.KEK_PREFIX + numbers.get(numbers.size() - 1);
		if (!keks.containsKey(primary)) {
			throw new IOException("Primary key-encryption key " + primary + " is not in the " + where);
		}
		return new HeldKeys(Collections.unmodifiableMap(keks), primary, indexKeyReader.read());
	}

	/** The alias the next KEK of {@code store} gets: {@code kek-<highest n + 1>}. */
	static String nextKekAlias(KeyStore store) throws GeneralSecurityException {
		return Pkcs12KeyStore.KEK_PREFIX + (kekNumbers(store).stream().max(Integer::compare).orElse(0) + 1);
	}

	/** Whether {@code store} holds any KEK. */
	static boolean holdsKeks(KeyStore store) throws GeneralSecurityException {
		return !kekNumbers(store).isEmpty();
	}

	KeyEncryptionKey primary() {
		return keks.get(primary);
	}

	Optional<KeyEncryptionKey> find(String kekId) {
		return Optional.ofNullable(keks.get(kekId));
	}

	List<String> ids() {
		return List.copyOf(keks.keySet());
	}

	BlindIndexKey indexKey() {
		return indexKey;
	}

	/** @throws IllegalArgumentException for the primary or a KEK these keys do not hold */
	void requireRetirable(String kekId, String where) {
		if (kekId.equals(primary)) {
			throw new IllegalArgumentException("The primary key-encryption key cannot be retired");
		}
		if (!keks.containsKey(kekId)) { // holds only kek-<n> aliases
			throw new IllegalArgumentException("No key-encryption key " + kekId + " in the " + where);
		}
	}

	/** The {@code n} of every {@code kek-<n>} key entry, ascending. */
	private static List<Integer> kekNumbers(KeyStore store) throws GeneralSecurityException {
		List<Integer> numbers = new ArrayList<>();
		for (String alias : Collections.list(store.aliases())) {
			Matcher matcher = KEK_ALIAS.matcher(alias);
			if (matcher.matches() && store.isKeyEntry(alias)) {
				numbers.add(Integer.parseInt(matcher.group(1)));
			}
		}
		numbers.sort(Comparator.naturalOrder());
		return numbers;
	}
}
