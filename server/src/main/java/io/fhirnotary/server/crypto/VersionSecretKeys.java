package io.fhirnotary.server.crypto;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.interceptors.crypto.DataKey;
import io.fhirnotary.interceptors.crypto.InvalidCiphertextException;
import io.fhirnotary.server.consent.PatientOfResource;
import io.fhirnotary.server.crypto.CompartmentKeys.CompartmentErasedException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The compartment data keys, for other packages that must keep a per-version secret erasable with
 * the version's body: the notary seals each version's leaf salt under the key its body uses, so
 * {@code $crypto-shred} (which destroys that key) makes the salt unrecoverable too.
 *
 * <p>The key choice is the body's, {@link BodyCompartment}.
 */
public final class VersionSecretKeys {

	private final FhirContext fhirContext;
	private final PatientOfResource patientOfResource;
	private final CompartmentKeys keys;
	private final DataKeyTable table;

	VersionSecretKeys(FhirContext fhirContext, PatientOfResource patientOfResource, CompartmentKeys keys, DataKeyTable table) {
		this.fhirContext = fhirContext;
		this.patientOfResource = patientOfResource;
		this.keys = keys;
		this.table = table;
	}

	/**
	 * The key to seal a secret of this version with. An already erased compartment gets the shared
	 * key: a create or update there is refused by the body encryption anyway, and a deletion has no
	 * content left to protect.
	 */
	public DataKey forSealing(IBaseResource resource) {
		// the compartment the body encryption just chose for this version, or the same choice anew
		String compartment = EncodedBodies.compartmentOf(resource, resource.getIdElement().getVersionIdPart())
				.orElseGet(() -> BodyCompartment.of(fhirContext.getResourceType(resource), resource, patientOfResource));
		try {
			return keys.forWriting(compartment);
		} catch (CompartmentErasedException erased) {
			return shared();
		} catch (InvalidCiphertextException e) {
			throw new IllegalStateException("The compartment's data key cannot be unwrapped: " + e.getMessage(), e);
		}
	}

	/** The shared key (resources of no single patient). */
	public DataKey shared() {
		try {
			return keys.forWriting(CompartmentKeys.SHARED);
		} catch (CompartmentErasedException | InvalidCiphertextException e) {
			throw new IllegalStateException("The shared data key is not usable: " + e.getMessage(), e);
		}
	}

	/** The key with this id; empty when it was destroyed (crypto-shredded) or never existed. */
	public Optional<DataKey> forOpening(String keyId) {
		return table.byKeyId(keyId).flatMap(this::forReading);
	}

	private Optional<DataKey> forReading(DataKeyTable.StoredDataKey stored) {
		try {
			return keys.forReading(stored.keyId(), stored.wrapped());
		} catch (InvalidCiphertextException e) {
			throw new IllegalStateException("The data key " + stored.keyId() + " cannot be unwrapped: " + e.getMessage(), e);
		}
	}
}
