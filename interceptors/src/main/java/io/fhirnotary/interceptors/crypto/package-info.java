/**
 * Encryption at rest, pure (no Spring, no HAPI server types): AES-256-GCM {@link
 * io.fhirnotary.interceptors.crypto.Aead} with the key id in every ciphertext, resource bodies
 * bound to their {@link io.fhirnotary.interceptors.crypto.ResourceVersion}, envelope keys ({@link
 * io.fhirnotary.interceptors.crypto.DataKey} wrapped by a {@link
 * io.fhirnotary.interceptors.crypto.KeyEncryptionKey}) and the key providers holding the KEKs and
 * the blind-index key ({@link io.fhirnotary.interceptors.crypto.KeyProvider}: a PKCS#12 file or a
 * PKCS#11 token). Callers never hold raw key material. See docs/ENCRYPTION.md.
 */
package io.fhirnotary.interceptors.crypto;
