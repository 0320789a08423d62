package io.fhirnotary.interceptors.crypto;

import java.util.Arrays;

/**
 * A data key as it is stored: encrypted by a key-encryption key. {@code wrapped} has the
 * {@link KeyedCiphertext} layout and names {@code kekId}; its associated data is the data key's
 * id, so a wrapped key copied onto another data key's row fails to unwrap.
 */
public record WrappedDataKey(String dataKeyId, String kekId, byte[] wrapped) {

	public WrappedDataKey {
		KeyIds.require(dataKeyId);
		KeyIds.require(kekId);
		wrapped = wrapped.clone();
	}

	@Override
	public byte[] wrapped() {
		return wrapped.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WrappedDataKey that
				&& dataKeyId.equals(that.dataKeyId)
				&& kekId.equals(that.kekId)
				&& Arrays.equals(wrapped, that.wrapped);
	}

	@Override
	public int hashCode() {
		return dataKeyId.hashCode() * 31 + Arrays.hashCode(wrapped);
	}

	@Override
	public String toString() {
		return "WrappedDataKey[" + dataKeyId + " under " + kekId + "]";
	}
}
