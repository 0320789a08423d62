package io.fhirnotary.interceptors.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.testkit.SoftHsmToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.Key;
import java.security.KeyStore;
import java.security.Security;
import java.util.Collections;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PKCS#11 key provider against a real token (SoftHSM2), emptied before each test. */
class Pkcs11KeyStoreIntegrationTests {

	private static final byte[] BODY = "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8);
	private static final byte[] BODY_CONTEXT = "Patient/p1/_history/1".getBytes(StandardCharsets.US_ASCII);

	private final SoftHsmToken token = SoftHsmToken.shared();

	@TempDir
	Path dir;

	@BeforeEach
	void emptyTheToken() throws Exception {
		KeyStore raw = rawToken();
		for (String alias : Collections.list(raw.aliases())) {
			raw.deleteEntry(alias);
		}
	}

	@Test
	void createsItsKeysInsideTheTokenWhereTheyCannotBeReadOut() throws Exception {
		Pkcs11KeyStore store = open(true);

		assertThat(store.ids()).containsExactly("kek-1");
		assertThat(store.primary().id()).isEqualTo("kek-1");
		assertThat(store.indexKey().id()).isEqualTo("index-hmac-1");
		assertThat(store.description()).startsWith("PKCS#11 token");
		Key kek = rawToken().getKey("kek-1", null);
		assertThat(kek).isInstanceOf(SecretKey.class);
		assertThat(kek.getAlgorithm()).isEqualTo("AES");
		assertThat(kek.getEncoded()).as("a token KEK's value never leaves the token").isNull();
	}

	@Test
	void wrapsDataKeysInsideTheTokenAndAnotherLoginUnwrapsThem() throws Exception {
		DataKey dataKey = DataKey.generate();
		byte[] body = dataKey.encrypt(BODY, BODY_CONTEXT);
		WrappedDataKey wrapped = open(true).primary().wrap(dataKey);

		DataKey unwrapped = open(false).unwrap(wrapped);

		assertThat(unwrapped.id()).isEqualTo(dataKey.id());
		assertThat(unwrapped.decrypt(body, BODY_CONTEXT)).isEqualTo(BODY);
		byte[] tampered = wrapped.wrapped();
		tampered[tampered.length - 1] ^= 1;
		assertThatThrownBy(() -> open(false).unwrap(new WrappedDataKey(wrapped.dataKeyId(), wrapped.kekId(), tampered)))
				.isInstanceOf(InvalidCiphertextException.class);
	}

	@Test
	void aKeystoreFileWithTheSameAliasesCannotOpenWhatTheTokenWrapped() throws Exception {
		WrappedDataKey wrapped = open(true).primary().wrap(DataKey.generate());
		Pkcs12KeyStore file = Pkcs12KeyStore.create(dir.resolve("other.p12"), dir.resolve("other.p12.password"));

		assertThat(file.primary().id()).isEqualTo(wrapped.kekId());
		assertThatThrownBy(() -> file.unwrap(wrapped)).isInstanceOf(InvalidCiphertextException.class);
	}

	@Test
	void blindIndexMacsComeFromTheTokensKeyAndStayTheSameAcrossLogins() throws Exception {
		byte[] value = "urn:oid:2.16.840.1.113883.4.1|999-99-9999".getBytes(StandardCharsets.UTF_8);
		byte[] first = open(true).indexKey().mac(value);
		byte[] again = open(false).indexKey().mac(value);
		Pkcs12KeyStore file = Pkcs12KeyStore.create(dir.resolve("other.p12"), dir.resolve("other.p12.password"));

		assertThat(first).hasSize(32).isEqualTo(again);
		assertThat(open(false).indexKey().mac("another value".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(first);
		assertThat(file.indexKey().mac(value)).isNotEqualTo(first);
	}

	@Test
	void rotationAddsAPrimaryKekAndRetiresTheOldOneOnceNothingNeedsIt() throws Exception {
		Pkcs11KeyStore store = open(true);
		DataKey dataKey = DataKey.generate();
		WrappedDataKey underFirst = store.primary().wrap(dataKey);

		KeyEncryptionKey second = store.addPrimaryKek();

		assertThat(second.id()).isEqualTo("kek-2");
		assertThat(store.primary().id()).isEqualTo("kek-2");
		assertThat(store.ids()).containsExactly("kek-1", "kek-2");
		WrappedDataKey underSecond = second.wrap(store.unwrap(underFirst));
		assertThatThrownBy(() -> store.retireKek("kek-2")).isInstanceOf(IllegalArgumentException.class);

		store.retireKek("kek-1");

		Pkcs11KeyStore reopened = open(false);
		assertThat(reopened.ids()).containsExactly("kek-2");
		assertThat(reopened.unwrap(underSecond).decrypt(dataKey.encrypt(BODY, BODY_CONTEXT), BODY_CONTEXT)).isEqualTo(BODY);
		assertThatThrownBy(() -> reopened.unwrap(underFirst))
				.isInstanceOf(InvalidCiphertextException.class)
				.hasMessageContaining("kek-1");
	}

	@Test
	void aPinnedPrimaryWinsOverTheNewestKek() throws Exception {
		open(true).addPrimaryKek();

		Pkcs11KeyStore pinned = Pkcs11KeyStore.open(token.providerConfig(), token.pinFile(), "kek-1", false);

		assertThat(pinned.primary().id()).isEqualTo("kek-1");
		assertThatThrownBy(() -> Pkcs11KeyStore.open(token.providerConfig(), token.pinFile(), "kek-9", false))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("kek-9");
	}

	@Test
	void anEmptyTokenIsRefusedUnlessAskedToCreateKeys() {
		assertThatThrownBy(() -> open(false)).isInstanceOf(IOException.class).hasMessageContaining("kek-");
	}

	@Test
	void aWrongPinIsRefusedWithoutNamingIt() throws Exception {
		open(true);
		// A token login holds for the whole process (every provider instance on the library shares
		// it), so log out first, or the wrong PIN would never be checked.
		((AuthProvider) Security.getProvider("SunPKCS11").configure(token.providerConfig().toString())).logout();
		Path wrongPin = Files.writeString(dir.resolve("wrong.pin"), "not-the-pin");

		assertThatThrownBy(() -> Pkcs11KeyStore.open(token.providerConfig(), wrongPin, null, false))
				.isInstanceOf(IOException.class)
				.satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-pin"));
	}

	private Pkcs11KeyStore open(boolean createMissingKeys) throws IOException {
		return Pkcs11KeyStore.open(token.providerConfig(), token.pinFile(), null, createMissingKeys);
	}

	private KeyStore rawToken() throws Exception {
		KeyStore raw = KeyStore.getInstance("PKCS11", Security.getProvider("SunPKCS11").configure(token.providerConfig().toString()));
		raw.load(null, SoftHsmToken.USER_PIN.toCharArray());
		return raw;
	}
}
