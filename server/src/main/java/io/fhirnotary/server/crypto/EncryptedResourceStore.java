package io.fhirnotary.server.crypto;

import ca.uhn.fhir.jpa.esr.IExternallyStoredResourceService;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import io.fhirnotary.interceptors.crypto.BodyCipher;
import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.interceptors.crypto.ResourceVersion;
import io.fhirnotary.server.crypto.BodyTable.StoredBody;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's externally-stored-resource provider for encrypted bodies: every read, vread, history,
 * search page, {@code _include} and {@code $everything} loads bodies through here.
 *
 * <p>Before decrypting, each body is checked against HAPI's own rows: the history row
 * ({@code res_pid}, {@code res_ver}) must point at this address, and the AEAD's associated data is
 * built from that row's type, logical id and version — so neither a pointer nor a ciphertext can be
 * moved to another row unnoticed. A body that fails answers an error for that resource (never
 * null, never garbled); a body whose data key was destroyed answers 410 Gone.
 */
final class EncryptedResourceStore implements IExternallyStoredResourceService {

	private static final Logger log = LoggerFactory.getLogger(EncryptedResourceStore.class);

	private final BodyTable bodies;
	private final CompartmentKeys keys;
	private final BodyCodec codec;

	EncryptedResourceStore(BodyTable bodies, CompartmentKeys keys, BodyCodec codec) {
		this.bodies = bodies;
		this.keys = keys;
		this.codec = codec;
	}

	@Override
	public String getId() {
		return EsrAddresses.PROVIDER_ID;
	}

	@Override
	public IBaseResource fetchResource(String address) {
		return fetchResources(List.of(address)).get(address);
	}

	/** One query for the whole batch; a new object per address and call (HAPI modifies them). */
	@Override
	public Map<String, IBaseResource> fetchResources(Collection<String> addresses) {
		Map<String, StoredBody> stored = bodies.load(addresses);
		Map<String, IBaseResource> resources = new LinkedHashMap<>(addresses.size() * 2);
		for (String address : addresses) {
			resources.put(address, open(address, stored.get(address)));
		}
		return resources;
	}

	/** Only {@code $expunge} calls this, and expunge is disabled; kept correct all the same. */
	@Override
	public void deleteResource(String address) {
		bodies.delete(address);
	}

	private IBaseResource open(String address, StoredBody body) {
		if (body == null) {
			throw unreadable("body " + address + " is missing");
		}
		if (body.resourceType() == null || body.version() == null || body.logicalId() == null
				|| !EsrAddresses.pointer(address).equals(body.pointer())) {
			throw unreadable("body " + address + " is not pointed at by its history row");
		}
		ResourceVersion version = new ResourceVersion(body.resourceType(), body.logicalId(), body.version());
		try {
			String namedKey = BodyCipher.dataKeyIdOf(body.ciphertext());
			if (!namedKey.equals(body.dataKeyId())) {
				throw unreadable(version + " names data key " + namedKey + " but is filed under " + body.dataKeyId());
			}
			Optional<DataKey> key = keys.forReading(body.dataKeyId(), body.wrappedKey());
			if (key.isEmpty()) {
				throw new ResourceGoneException(
						"Resource " + body.resourceType() + "/" + body.logicalId() + " was erased (its data key was destroyed)");
			}
			IBaseResource resource = codec.decode(body.resourceType(), BodyCipher.decrypt(key.get(), version, body.ciphertext()));
			EsrAddresses.attach(resource, address);
			return resource;
		} catch (InvalidCiphertextException e) {
			throw unreadable(version + ": " + e.getMessage());
		}
	}

	private static UnreadableBodyException unreadable(String reason) {
		// Ids and key ids only: no content, no key material.
		log.error("Stored resource body failed its integrity check: {}", reason);
		return new UnreadableBodyException("A stored resource failed its integrity check");
	}
}
