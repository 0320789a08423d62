package io.fhirnotary.server.terminology;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.fhirnotary.terminology.bundled.BundledTerminology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the terminology that ships with the server (the RxNorm medication subset, DEA schedules
 * and their value sets) as ordinary CodeSystem and ValueSet resources, so HAPI's own terminology
 * service answers {@code $lookup}, {@code $validate-code} and {@code $expand} for them and
 * validation sees them next to releases a user loads.
 *
 * <p>Idempotent: a resource whose stored {@code version} equals the bundled one is left alone, so
 * restarts write nothing and several nodes starting together converge on the same content.
 */
public final class BundledTerminologySeeder {

	private static final Logger log = LoggerFactory.getLogger(BundledTerminologySeeder.class);

	private final DaoRegistry daos;
	private final BundledTerminology content;

	public BundledTerminologySeeder(DaoRegistry daos, BundledTerminology content) {
		this.daos = daos;
		this.content = content;
	}

	/** Stores what is missing or changed; returns how many resources were written. */
	public int seed() {
		List<MetadataResource> resources = new ArrayList<>();
		resources.addAll(content.codeSystems());
		resources.addAll(content.valueSets());
		int written = 0;
		for (MetadataResource resource : resources) {
			if (store(resource)) {
				written++;
			}
		}
		log.info("Bundled terminology: {} of {} resources written, the rest already current", written, resources.size());
		return written;
	}

	@SuppressWarnings("unchecked")
	private boolean store(MetadataResource resource) {
		Class<? extends MetadataResource> type = resource instanceof CodeSystem ? CodeSystem.class : ValueSet.class;
		IFhirResourceDao<MetadataResource> dao = (IFhirResourceDao<MetadataResource>) daos.getResourceDao(type);
		String id = resource.getIdElement().getIdPart();
		if (id == null) {
			throw new IllegalStateException("Bundled " + resource.fhirType() + " " + resource.getUrl() + " has no id");
		}
		SystemRequestDetails system = new SystemRequestDetails();
		try {
			MetadataResource stored = dao.read(resource.getIdElement().toUnqualifiedVersionless(), system);
			if (Objects.equals(stored.getVersion(), resource.getVersion())) {
				return false;
			}
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			// not stored yet
		}
		dao.update(resource.copy(), system);
		return true;
	}
}
