package io.fhirnotary.server.crypto;

import ca.uhn.fhir.jpa.esr.IExternallyStoredResourceService;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import io.fhirnotary.interceptors.crypto.BodyCipher;
import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.interceptors.crypto.ResourceVersion;
import io.fhirnotary.server.crypto.BodyTable.StoredBody;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
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
	private static final Duration RECENT_BODY_LIFETIME = Duration.ofSeconds(10);

	/**
	 * A body opened moments ago: the place and ciphertext that were authenticated (to prove the
	 * rows are unchanged) and a private copy of the result.
	 */
	private record Opened(ResourceVersion version, byte[] ciphertext, Resource template) {}

	private final BodyTable bodies;
	private final CompartmentKeys keys;
	private final BodyCodec codec;
	private final Cache<String, Opened> recentlyOpened;

	/**
	 * @param recentBodies how many opened bodies to keep for a few seconds: with consent on, a
	 *                     search loads each page twice (consent filter, then the page), and the
	 *                     second load then costs a copy instead of a decrypt and a JSON parse
	 */
	EncryptedResourceStore(BodyTable bodies, CompartmentKeys keys, BodyCodec codec, int recentBodies) {
		this.bodies = bodies;
		this.keys = keys;
		this.codec = codec;
		this.recentlyOpened = Caffeine.newBuilder()
				.maximumSize(recentBodies)
				.expireAfterWrite(RECENT_BODY_LIFETIME)
				.build();
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
			Resource resource = reusable(address, version, body.ciphertext());
			if (resource == null) {
				resource = (Resource) codec.decode(body.resourceType(), BodyCipher.decrypt(key.get(), version, body.ciphertext()));
				recentlyOpened.put(address, new Opened(version, body.ciphertext(), resource.copy()));
			}
			EsrAddresses.attach(resource, address);
			return resource;
		} catch (InvalidCiphertextException e) {
			throw unreadable(version + ": " + e.getMessage());
		}
	}

	/**
	 * A fresh copy of a body opened moments ago, if the rows still say exactly what was
	 * authenticated then: same place, same ciphertext (the pointer and key checks above have run
	 * again, so an erased patient's body is never served from here).
	 */
	private Resource reusable(String address, ResourceVersion version, byte[] ciphertext) {
		Opened opened = recentlyOpened.getIfPresent(address);
		if (opened == null || !opened.version().equals(version) || !Arrays.equals(opened.ciphertext(), ciphertext)) {
			return null;
		}
		return opened.template().copy();
	}

	private static UnreadableBodyException unreadable(String reason) {
		// Ids and key ids only: no content, no key material.
		log.error("Stored resource body failed its integrity check: {}", reason);
		return new UnreadableBodyException("A stored resource failed its integrity check");
	}
}
