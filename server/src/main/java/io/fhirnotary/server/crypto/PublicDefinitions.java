package io.fhirnotary.server.crypto;

import java.util.Set;

/**
 * Resource types that are published definitions, not records about people: code systems, value
 * sets, profiles, search parameters and the like. They stay in HAPI's own encoding, because
 *
 * <ul>
 *   <li>they hold no PHI (they are meant to be shared: terminology releases, FHIR profiles);</li>
 *   <li>HAPI copies their content into its terminology tables ({@code TRM_*}) in clear anyway, so
 *       encrypting the body would protect nothing;</li>
 *   <li>HAPI's no-op detection only works on its own encoding: a terminology reload must not make
 *       a new version of every code system, and validation reads them constantly.</li>
 * </ul>
 * Everything else — every clinical, administrative and audit resource — is encrypted.
 */
final class PublicDefinitions {

	private static final Set<String> TYPES = Set.of(
			"CodeSystem",
			"ValueSet",
			"ConceptMap",
			"NamingSystem",
			"StructureDefinition",
			"StructureMap",
			"SearchParameter",
			"OperationDefinition",
			"CompartmentDefinition",
			"CapabilityStatement",
			"ImplementationGuide");

	private PublicDefinitions() {}

	static boolean contains(String resourceType) {
		return TYPES.contains(resourceType);
	}
}
