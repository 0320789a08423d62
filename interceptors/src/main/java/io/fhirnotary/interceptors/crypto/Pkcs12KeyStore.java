package io.fhirnotary.interceptors.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key-encryption keys and the blind-index key from a PKCS#12 keystore file, whose password is read
 * from a separate file (DESIGN §10: {@code fhirnotary.crypto.keystore},
 * {@code fhirnotary.crypto.keystore-password-file}).
 *
 * <p>Layout (other components rely on it):
 * <ul>
 *   <li>{@code kek-<n>} ({@code n} = 1, 2, ...): AES-256 secret-key entries, the key-encryption
 *       keys. The primary is the one named explicitly (when the operator pins one) or else the
 *       highest {@code n}. Rotation adds {@code kek-<n+1>}; retiring removes an entry.</li>
 *   <li>{@code index-hmac-1}: a 256-bit HMAC-SHA-256 secret-key entry, the blind-index key; never
 *       used for encryption.</li>
 * </ul>
 * Entries share the keystore password. Changes are written to a temporary file next to the
 * keystore and moved over it atomically, owner-only (0600) where the file system knows POSIX
 * permissions.
 */
public final class Pkcs12KeyStore extends HeldKeysProvider {

	public static final String KEK_PREFIX = "kek-";
	public static final String INDEX_HMAC_ALIAS = "index-hmac-1";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
	private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path file;
	private final char[] password;

	private Pkcs12KeyStore(Path file, char[] password, String pinnedPrimary) throws IOException {
		super(pinnedPrimary);
		this.file = file;
		this.password = password;
		reload();
	}

	/**
	 * Opens an existing keystore.
	 *
	 * @param pinnedPrimary KEK alias to use as primary, or null for the highest {@code kek-<n>}
	 */
	public static Pkcs12KeyStore open(Path keystore, Path passwordFile, String pinnedPrimary) throws IOException {
		return new Pkcs12KeyStore(keystore, readPassword(passwordFile), pinnedPrimary);
	}

	/**
	 * Creates a keystore with {@code kek-1} and {@code index-hmac-1}, and a random password file
	 * when there is none. Refuses to overwrite an existing keystore.
	 */
	public static Pkcs12KeyStore create(Path keystore, Path passwordFile) throws IOException {
		if (Files.exists(keystore)) {
			throw new FileAlreadyExistsException(keystore.toString());
		}
		createOwnerOnlyDirectories(keystore.toAbsolutePath().getParent());
		createOwnerOnlyDirectories(passwordFile.toAbsolutePath().getParent());
		if (!Files.exists(passwordFile)) {
			byte[] secret = new byte[32];
			RANDOM.nextBytes(secret);
			writeOwnerOnly(passwordFile, Base64.getUrlEncoder().withoutPadding().encode(secret));
		}
		char[] password = readPassword(passwordFile);
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, password);
			store.setEntry(KEK_PREFIX + 1, new KeyStore.SecretKeyEntry(newAesKey()), protection(password));
			store.setEntry(INDEX_HMAC_ALIAS, new KeyStore.SecretKeyEntry(newHmacKey()), protection(password));
			save(store, keystore, password);
		} catch (GeneralSecurityException e) {
			throw new IOException("Cannot create keystore " + keystore, e);
		}
		return new Pkcs12KeyStore(keystore, password, null);
	}

	/** Opens the keystore, creating it first when absent (dev profile and tests only). */
	public static Pkcs12KeyStore openOrCreate(Path keystore, Path passwordFile) throws IOException {
		return Files.exists(keystore) ? open(keystore, passwordFile, null) : create(keystore, passwordFile);
	}

	@Override
	public String description() {
		return "PKCS#12 keystore " + file.toAbsolutePath();
	}

	public Path file() {
		return file;
	}

	/** Adds {@code kek-<n+1>} to the file (see {@link KeyProvider#addPrimaryKek}). */
	@Override
	void storeNextKek() throws IOException {
		try {
			KeyStore store = load();
			store.setEntry(HeldKeys.nextKekAlias(store), new KeyStore.SecretKeyEntry(newAesKey()), protection(password));
			save(store, file, password);
		} catch (GeneralSecurityException e) {
			throw new IOException("Cannot add a key-encryption key to " + file, e);
		}
	}

	@Override
	void deleteKek(String kekId) throws IOException {
		try {
			KeyStore store = load();
			store.deleteEntry(kekId);
			save(store, file, password);
		} catch (GeneralSecurityException e) {
			throw new IOException("Cannot retire " + kekId + " from " + file, e);
		}
	}

	@Override
	String storeKind() {
		return "keystore";
	}

	@Override
	HeldKeys read() throws IOException {
		try {
			KeyStore store = load();
			return HeldKeys.read(
					store,
					alias -> new KeyEncryptionKey(alias, aesKey(store, alias)),
					pinnedPrimary,
					() -> indexKey(store),
					"keystore " + file);
		} catch (GeneralSecurityException e) {
			throw new IOException("Cannot read keystore " + file + " (wrong password or not PKCS#12)", e);
		}
	}

	private BlindIndexKey indexKey(KeyStore store) throws GeneralSecurityException, IOException {
		Key index = store.getKey(INDEX_HMAC_ALIAS, password);
		if (!(index instanceof SecretKey indexKey)) {
			throw new IOException("Keystore " + file + " holds no secret key " + INDEX_HMAC_ALIAS);
		}
		return new BlindIndexKey(INDEX_HMAC_ALIAS, new SecretKeySpec(indexKey.getEncoded(), "HmacSHA256"));
	}

	private KeyStore load() throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password);
		}
		return store;
	}

	private SecretKey aesKey(KeyStore store, String alias) throws GeneralSecurityException, IOException {
		Key key = store.getKey(alias, password);
		if (!(key instanceof SecretKey secret) || secret.getEncoded() == null || secret.getEncoded().length != 32) {
			throw new IOException("Keystore entry " + alias + " is not an AES-256 secret key");
		}
		return new SecretKeySpec(secret.getEncoded(), "AES");
	}

	private static void save(KeyStore store, Path target, char[] password) throws IOException, GeneralSecurityException {
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		createOwnerOnlyFile(temporary);
		try (OutputStream out = Files.newOutputStream(temporary)) {
			store.store(out, password);
		}
		Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static SecretKey newAesKey() throws GeneralSecurityException {
		KeyGenerator generator = KeyGenerator.getInstance("AES");
		generator.init(256, RANDOM);
		return generator.generateKey();
	}

	private static SecretKey newHmacKey() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	private static KeyStore.PasswordProtection protection(char[] password) {
		return new KeyStore.PasswordProtection(password);
	}

	private static char[] readPassword(Path passwordFile) throws IOException {
		String text = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			throw new IOException("Keystore password file " + passwordFile + " is empty");
		}
		return text.toCharArray();
	}

	private static void writeOwnerOnly(Path target, byte[] content) throws IOException {
		createOwnerOnlyFile(target);
		Files.write(target, content);
	}

	private static void createOwnerOnlyFile(Path target) throws IOException {
		if (posix(target)) {
			Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		} else {
			Files.createFile(target);
		}
	}

	private static void createOwnerOnlyDirectories(Path directory) throws IOException {
		if (directory == null || Files.isDirectory(directory)) {
			return;
		}
		if (posix(directory)) {
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
		} else {
			Files.createDirectories(directory);
		}
	}

	private static boolean posix(Path path) {
		Path existing = path.toAbsolutePath();
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
	}
}
