package io.fhirnotary.interceptors.crypto;

import java.util.List;
import java.util.Optional;

/**
 * Where key-encryption keys come from (a PKCS#12 file by default: {@link Pkcs12KeyStore}). New data
 * keys are wrapped by the {@link #primary()} KEK; existing ones are unwrapped by whichever KEK
 * their {@link WrappedDataKey#kekId()} names, so a rotation only has to re-wrap.
 */
public interface KeyEncryptionKeys {

	/** The KEK that wraps new data keys (and re-wraps old ones during rotation). */
	KeyEncryptionKey primary();

	/** The KEK with this id, if this provider still holds it (a retired KEK is gone). */
	Optional<KeyEncryptionKey> find(String kekId);

	/** Ids of every KEK held, in ascending order of generation. */
	List<String> ids();

	/** Unwraps with the KEK the wrapped key names. */
	default DataKey unwrap(WrappedDataKey wrapped) throws InvalidCiphertextException {
		KeyEncryptionKey kek = find(wrapped.kekId())
				.orElseThrow(() -> new InvalidCiphertextException("Key-encryption key " + wrapped.kekId() + " is not available"));
		return kek.unwrap(wrapped);
	}
}
