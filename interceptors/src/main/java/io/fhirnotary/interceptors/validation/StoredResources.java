package io.fhirnotary.interceptors.validation;

/** Whether a resource is stored (and not deleted); implemented by the server over HAPI's DAOs. */
@FunctionalInterface
public interface StoredResources {

	boolean exists(String resourceType, String id);
}
