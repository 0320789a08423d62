package io.fhirnotary.server.crypto;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import io.fhirnotary.interceptors.crypto.BodyCipher;
import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.interceptors.crypto.ResourceVersion;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.crypto.CompartmentKeys.CompartmentErasedException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write side of encrypted bodies, on HAPI's JPA interceptor service (so every path into the
 * DAOs passes it), following HAPI-NOTES "Encrypted bodies through ESR":
 *
 * <ol>
 *   <li>{@code STORAGE_PRESTORAGE_RESOURCE_CREATED/UPDATED}, last of all hooks: give the version a
 *       fresh address. HAPI then stores {@code fnenc:<address>} instead of the JSON. The body is
 *       not final yet (a transaction still rewrites references), so nothing is encrypted here.</li>
 *   <li>{@code STORAGE_PRECOMMIT_RESOURCE_CREATED/UPDATED}: the body is final; encrypt it with the
 *       compartment's data key, bound to type/id/version, and store it under the address in the
 *       same database transaction (idempotently: HAPI may announce a version twice).</li>
 * </ol>
 *
 * {@code $meta-add}/{@code $meta-delete} announce an update without a new version: nothing is
 * stored for them (tags live in HAPI's tables, not in the body). {@link PublicDefinitions} (code
 * systems, value sets, profiles, ...) are left to HAPI.
 */
@Interceptor
final class EncryptionStorageHooks {

	/** After every other pre-storage hook, so no later hook changes which address is stored. */
	static final int LAST = 1_000_000;

	/**
	 * Before the notary's capture at the same pre-commit point, which then hashes the body encoded
	 * here ({@link EncodedBodies}) instead of encoding the version a second time.
	 */
	static final int BEFORE_CAPTURE = -100;

	private final FhirContext fhirContext;
	private final PatientOfResource patientOfResource;
	private final CompartmentKeys keys;
	private final BodyTable bodies;
	private final BodyCodec codec;
	private final JdbcTemplate jdbc;

	EncryptionStorageHooks(
			FhirContext fhirContext,
			PatientOfResource patientOfResource,
			CompartmentKeys keys,
			BodyTable bodies,
			BodyCodec codec,
			JdbcTemplate jdbc) {
		this.fhirContext = fhirContext;
		this.patientOfResource = patientOfResource;
		this.keys = keys;
		this.bodies = bodies;
		this.codec = codec;
		this.jdbc = jdbc;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = LAST)
	public void addressNewResource(IBaseResource resource) {
		if (encrypted(resource)) {
			EsrAddresses.attach(resource, EsrAddresses.fresh());
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = LAST)
	public void addressNewVersion(IBaseResource oldResource, IBaseResource newResource) {
		// Never reuse the address a read attached: every version gets its own.
		if (encrypted(newResource)) {
			EsrAddresses.attach(newResource, EsrAddresses.fresh());
		}
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = BEFORE_CAPTURE)
	public void storeCreated(IBaseResource resource) {
		if (encrypted(resource)) {
			store(resource);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = BEFORE_CAPTURE)
	public void storeUpdated(IBaseResource oldResource, IBaseResource newResource) {
		if (!encrypted(newResource)) {
			return;
		}
		if (oldResource != null && versionOf(oldResource) == versionOf(newResource)) {
			return; // $meta-add / $meta-delete: same version, no new history row, tags only
		}
		store(newResource);
	}

	private boolean encrypted(IBaseResource resource) {
		return !PublicDefinitions.contains(fhirContext.getResourceType(resource));
	}

	private void store(IBaseResource resource) {
		String address = EsrAddresses.of(resource).orElseThrow(() -> new InternalErrorException(
				"A resource reached storage without an encryption address; refusing to store it in clear"));
		String type = fhirContext.getResourceType(resource);
		String logicalId = resource.getIdElement().getIdPart();
		ResourceVersion version = new ResourceVersion(type, logicalId, versionOf(resource));
		String compartment = BodyCompartment.of(type, resource, patientOfResource);
		DataKey key = keyFor(compartment);
		String json = codec.encodeJson(resource);
		EncodedBodies.remember(resource, Long.toString(version.versionId()), json, compartment);
		byte[] ciphertext = BodyCipher.encrypt(key, version, json.getBytes(StandardCharsets.UTF_8));
		bodies.upsert(address, pidOf(resource, type, logicalId), version.versionId(), key.id(), ciphertext);
	}

	/** The key of the version's compartment ({@link BodyCompartment}); an erased patient's answers 410. */
	private DataKey keyFor(String compartment) {
		try {
			return keys.forWriting(compartment);
		} catch (CompartmentErasedException erased) {
			throw new ResourceGoneException("The patient this resource belongs to was erased; nothing is stored for them");
		} catch (InvalidCiphertextException e) {
			throw new InternalErrorException("The compartment's data key cannot be unwrapped: " + e.getMessage());
		}
	}

	private long pidOf(IBaseResource resource, String type, String logicalId) {
		JpaPid pid = IDao.RESOURCE_PID.get(resource);
		if (pid != null && pid.getId() != null) {
			return pid.getId();
		}
		Long found = jdbc.queryForObject(
				"SELECT res_id FROM hfj_resource WHERE res_type = ? AND fhir_id = ?", Long.class, type, logicalId);
		if (found == null) {
			throw new InternalErrorException("The stored resource has no database id yet");
		}
		return found;
	}

	private static long versionOf(IBaseResource resource) {
		Long version = resource.getIdElement().getVersionIdPartAsLong();
		if (version == null && resource.getMeta() != null && resource.getMeta().getVersionId() != null) {
			version = Long.parseLong(resource.getMeta().getVersionId());
		}
		return version == null ? 0 : version;
	}

}
