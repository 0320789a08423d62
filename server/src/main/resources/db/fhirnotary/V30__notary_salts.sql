-- Notary salts (server side, docs/NOTARY.md §10): the 32-byte salt of each notarised version's leaf.
-- DESIGN §6 keeps the salt with the encrypted body so that crypto-shredding a patient also unlinks
-- their leaves; until the encrypted body store carries it, the salt lives here, written in the same
-- transaction as the version and its outbox row. Portable SQL (PostgreSQL and H2).
CREATE TABLE fhirnotary_notary_salt (
	resource_type VARCHAR(64) NOT NULL,
	resource_id   VARCHAR(64) NOT NULL,
	version_id    VARCHAR(64) NOT NULL,
	salt          CHAR(64)    NOT NULL,
	CONSTRAINT fhirnotary_notary_salt_pk PRIMARY KEY (resource_type, resource_id, version_id)
);
