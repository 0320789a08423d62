-- The Consent generation (docs/CONSENT.md "Reusing searches and Consents"): one counter that every
-- Consent create, update and delete advances inside its own transaction, so a request that reads
-- it knows whether anything it cached about Consents is still exact. One row; portable SQL.
CREATE TABLE fhirnotary_consent_generation (
	id         INT    NOT NULL,
	generation BIGINT NOT NULL,
	CONSTRAINT fhirnotary_consent_generation_pk PRIMARY KEY (id)
);
INSERT INTO fhirnotary_consent_generation (id, generation) VALUES (1, 0);
