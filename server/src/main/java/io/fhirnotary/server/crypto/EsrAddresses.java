package io.fhirnotary.server.crypto;

import ca.uhn.fhir.jpa.esr.ExternallyStoredResourceAddress;
import ca.uhn.fhir.jpa.esr.ExternallyStoredResourceAddressMetadataKey;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The pointer HAPI keeps in {@code HFJ_RES_VER.RES_TEXT_VC} instead of the body:
 * {@code fnenc:<random UUID>}, fresh for every stored version (never derived from the resource, so
 * it reveals nothing and cannot collide across versions).
 */
final class EsrAddresses {

	static final String PROVIDER_ID = "fnenc";

	private EsrAddresses() {}

	static String fresh() {
		return UUID.randomUUID().toString();
	}

	/** What HAPI writes into {@code RES_TEXT_VC} for an address. */
	static String pointer(String address) {
		return PROVIDER_ID + ":" + address;
	}

	static void attach(IBaseResource resource, String address) {
		ExternallyStoredResourceAddressMetadataKey.INSTANCE.put(
				resource, new ExternallyStoredResourceAddress(PROVIDER_ID, address));
	}

	/** Our address on the resource, if it carries one. */
	static Optional<String> of(IBaseResource resource) {
		ExternallyStoredResourceAddress address = ExternallyStoredResourceAddressMetadataKey.INSTANCE.get(resource);
		if (address == null || !PROVIDER_ID.equals(address.getProviderId())) {
			return Optional.empty();
		}
		return Optional.of(address.getLocation());
	}
}
