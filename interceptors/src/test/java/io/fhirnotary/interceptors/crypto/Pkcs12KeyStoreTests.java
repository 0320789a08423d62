package io.fhirnotary.interceptors.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12KeyStoreTests {

	@TempDir
	Path dir;

	private Path keystore() {
		return dir.resolve("keys/fhirnotary.p12");
	}

	private Path passwordFile() {
		return dir.resolve("keys/fhirnotary.p12.password");
	}

	@Test
	void newKeystoreHasTheAgreedLayoutAndIsOwnerOnly() throws Exception {
		Pkcs12KeyStore store = Pkcs12KeyStore.create(keystore(), passwordFile());

		assertThat(store.ids()).containsExactly("kek-1");
		assertThat(store.primary().id()).isEqualTo("kek-1");
		assertThat(store.indexKey().id()).isEqualTo("index-hmac-1");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile()))).isEqualTo("rw-------");

		KeyStore raw = KeyStore.getInstance("PKCS12");
		char[] password = Files.readString(passwordFile()).strip().toCharArray();
		try (var in = Files.newInputStream(keystore())) {
			raw.load(in, password);
		}
		assertThat(Collections.list(raw.aliases())).containsExactlyInAnyOrder("kek-1", "index-hmac-1");
		assertThat(raw.entryInstanceOf("kek-1", KeyStore.SecretKeyEntry.class)).isTrue();
		assertThat(raw.getKey("kek-1", password).getEncoded()).hasSize(32);
		assertThat(raw.getKey("index-hmac-1", password).getEncoded()).hasSize(32);
	}

	@Test
	void reopenedKeystoreUnwrapsWhatTheFirstWrapped() throws Exception {
		Pkcs12KeyStore first = Pkcs12KeyStore.create(keystore(), passwordFile());
		DataKey key = DataKey.generate();
		WrappedDataKey wrapped = first.primary().wrap(key);
		byte[] mac = first.indexKey().mac("123-45-6789".getBytes(StandardCharsets.UTF_8));

		Pkcs12KeyStore again = Pkcs12KeyStore.openOrCreate(keystore(), passwordFile());

		assertThat(again.unwrap(wrapped).id()).isEqualTo(key.id());
		assertThat(again.indexKey().mac("123-45-6789".getBytes(StandardCharsets.UTF_8))).isEqualTo(mac).hasSize(32);
	}

	@Test
	void indexKeysOfDifferentKeystoresDiffer() throws Exception {
		byte[] value = "MRN-1".getBytes(StandardCharsets.UTF_8);
		byte[] one = Pkcs12KeyStore.create(keystore(), passwordFile()).indexKey().mac(value);
		byte[] two = Pkcs12KeyStore.create(dir.resolve("b.p12"), dir.resolve("b.pw")).indexKey().mac(value);
		assertThat(one).isNotEqualTo(two);
	}

	@Test
	void rotationAddsANewPrimaryAndRetiringTheOldMakesItsWrappingsUnreadable() throws Exception {
		Pkcs12KeyStore store = Pkcs12KeyStore.create(keystore(), passwordFile());
		DataKey key = DataKey.generate();
		WrappedDataKey underOld = store.primary().wrap(key);

		KeyEncryptionKey newPrimary = store.addPrimaryKek();

		assertThat(newPrimary.id()).isEqualTo("kek-2");
		assertThat(store.ids()).containsExactly("kek-1", "kek-2");
		assertThat(Pkcs12KeyStore.open(keystore(), passwordFile(), null).primary().id()).isEqualTo("kek-2");
		WrappedDataKey underNew = newPrimary.wrap(store.unwrap(underOld));

		store.retireKek("kek-1");

		assertThat(store.ids()).containsExactly("kek-2");
		assertThat(store.unwrap(underNew).id()).isEqualTo(key.id());
		assertThatThrownBy(() -> store.unwrap(underOld))
				.isInstanceOf(InvalidCiphertextException.class)
				.hasMessageContaining("kek-1");
		assertThat(Pkcs12KeyStore.open(keystore(), passwordFile(), null).ids()).containsExactly("kek-2");
	}

	@Test
	void primaryCannotBeRetired() throws Exception {
		Pkcs12KeyStore store = Pkcs12KeyStore.create(keystore(), passwordFile());
		assertThatThrownBy(() -> store.retireKek("kek-1")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store.retireKek("kek-7")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void pinnedPrimaryWinsOverTheHighestNumber() throws Exception {
		Pkcs12KeyStore.create(keystore(), passwordFile()).addPrimaryKek();

		assertThat(Pkcs12KeyStore.open(keystore(), passwordFile(), "kek-1").primary().id()).isEqualTo("kek-1");
		assertThatThrownBy(() -> Pkcs12KeyStore.open(keystore(), passwordFile(), "kek-9"))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("kek-9");
	}

	@Test
	void wrongPasswordAndExistingFilesAreRefused() throws Exception {
		Pkcs12KeyStore.create(keystore(), passwordFile());
		Path wrong = dir.resolve("wrong.pw");
		Files.writeString(wrong, "not-the-password\n");

		assertThatThrownBy(() -> Pkcs12KeyStore.open(keystore(), wrong, null)).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> Pkcs12KeyStore.create(keystore(), passwordFile()))
				.isInstanceOf(FileAlreadyExistsException.class);
	}
}
