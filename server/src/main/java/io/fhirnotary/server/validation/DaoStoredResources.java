package io.fhirnotary.server.validation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.fhirnotary.interceptors.validation.StoredResources;
import org.hl7.fhir.r4.model.IdType;

/** {@link StoredResources} over HAPI's DAOs, as the system (no caller's consent applies here). */
final class DaoStoredResources implements StoredResources {

	private final DaoRegistry daos;

	DaoStoredResources(DaoRegistry daos) {
		this.daos = daos;
	}

	@Override
	public boolean exists(String resourceType, String id) {
		if (!daos.isResourceTypeSupported(resourceType)) {
			return false;
		}
		IFhirResourceDao<?> dao = daos.getResourceDao(resourceType);
		try {
			dao.read(new IdType(resourceType, id), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}
}
