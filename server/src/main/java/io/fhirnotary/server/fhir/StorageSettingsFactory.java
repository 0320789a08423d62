package io.fhirnotary.server.fhir;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;

/**
 * HAPI storage behaviour for this server, in one place with the reason for each choice.
 */
final class StorageSettingsFactory {

	private StorageSettingsFactory() {}

	static JpaStorageSettings create() {
		JpaStorageSettings settings = new JpaStorageSettings();
		// EHR bundles reference Organization/Practitioner by conditional URL; those must resolve
		// to stored resources, never to silently invented placeholders.
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		// Absolute references to other servers stay external (and unresolved).
		settings.setAllowExternalReferences(true);
		// A conditional delete whose URL matches several records is refused rather than wiping them all.
		settings.setAllowMultipleDelete(false);
		// ":missing" searches would need an index row per absent element: not offered.
		settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
		// Full-text and Hibernate Search index plaintext: off by design (see HAPI-NOTES.md).
		settings.setHibernateSearchIndexFullText(false);
		settings.setHibernateSearchIndexSearchParams(false);
		settings.setAdvancedHSearchIndexing(false);
		// EHR systems PUT resources under their own ids, numeric ones included (the FHIR spec's
		// examples use Organization/1). Server-assigned ids are then random UUIDs so they can never
		// collide with a client's id, and they reveal neither counts nor creation order.
		settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
		settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
		// Code systems up to this size are stored with their concepts at once, so $lookup and
		// validation see a bundled or uploaded code system as soon as the write returns; bigger
		// releases (full RxNorm) go through HAPI's deferred concept storage.
		settings.setDeferIndexingForCodesystemsOfSize(5000);
		// Expunge physically removes history; the audit trail and (later) the notary depend on it.
		settings.setDeleteExpungeEnabled(false);
		settings.setExpungeEnabled(false);
		return settings;
	}
}
