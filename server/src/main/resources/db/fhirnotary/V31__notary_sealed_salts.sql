-- Notary salts sealed under the version's compartment data key (docs/NOTARY.md §10, "Where the salt
-- lives"): AES-256-GCM with associated data binding type, id and version, the same data key as the
-- version's encrypted body, so crypto-shredding a patient (destroying that key) makes their salts
-- unrecoverable and a pg_dump holds no salt in clear. Written in the same transaction as the version
-- and its outbox row. The clear salts of V30 are sealed into this table and deleted at start-up
-- (io.fhirnotary.server.notary.LegacySaltSealing); V30's table stays empty from then on.
-- Portable SQL (PostgreSQL and H2).
CREATE TABLE fhirnotary_notary_sealed_salt (
	resource_type VARCHAR(64) NOT NULL,
	resource_id   VARCHAR(64) NOT NULL,
	version_id    VARCHAR(64) NOT NULL,
	data_key_id   VARCHAR(64) NOT NULL,
	sealed_salt   BYTEA       NOT NULL,
	CONSTRAINT fhirnotary_notary_sealed_salt_pk PRIMARY KEY (resource_type, resource_id, version_id)
);
