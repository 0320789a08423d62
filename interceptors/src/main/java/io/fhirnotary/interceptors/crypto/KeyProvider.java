package io.fhirnotary.interceptors.crypto;

import java.io.IOException;

/**
 * Where protected mode's long-lived keys live: the key-encryption keys ({@code kek-<n>}) and the
 * blind-index key ({@code index-hmac-1}). A PKCS#12 file by default ({@link Pkcs12KeyStore}), or a
 * PKCS#11 token such as a hardware security module ({@link Pkcs11KeyStore}), chosen with
 * {@code fhirnotary.crypto.provider}. Both hold the same aliases, so rotation, retirement and the
 * key ids stored with wrapped data keys mean the same with either.
 */
public interface KeyProvider extends KeyEncryptionKeys {

	/** The blind-index key; never used for encryption. */
	BlindIndexKey indexKey();

	/**
	 * Adds {@code kek-<n+1>} and makes it primary (unless the operator pinned another). Data keys
	 * wrapped before stay readable through their old KEK until re-wrapped.
	 */
	KeyEncryptionKey addPrimaryKek() throws IOException;

	/** Removes a KEK that wraps nothing any more; the primary cannot be retired. */
	void retireKek(String kekId) throws IOException;

	/** Where the keys are, for logs and operation outcomes: never key material or secrets. */
	String description();
}
