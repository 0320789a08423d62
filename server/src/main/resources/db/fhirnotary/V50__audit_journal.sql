-- The audit journal (docs/CONSENT.md "Audit trail", DESIGN §5 as changed by issue 3): the
-- AuditEvents of reads, searches and refused requests, which every pull adds and which are only
-- ever appended and searched, kept out of HAPI's resource tables. Each body is the AuditEvent's JSON
-- encrypted like a resource body (AES-256-GCM under the shared data key, associated data binding
-- AuditEvent, id and version 1) and is notarised like a resource version (outbox row and sealed
-- salt written in the same transaction). The columns beside it hold what the trail is searched by:
-- the references the event names (opaque ids, the same reference graph HAPI's link rows hold for
-- any resource), its coded type, subtypes, action and outcome (codes blinded as the search index
-- blinds them) and its security labels (clear, as HAPI's _security index), never query values or
-- content.
-- Portable SQL (PostgreSQL and H2).
CREATE TABLE fhirnotary_audit_journal (
	id          VARCHAR(64)  NOT NULL,
	recorded_ms BIGINT       NOT NULL,
	type_code   VARCHAR(300) NOT NULL,
	subtypes    VARCHAR(2000) NOT NULL,
	action_code VARCHAR(300) NOT NULL,
	outcome     VARCHAR(300) NOT NULL,
	security    VARCHAR(2000) NOT NULL,
	agents      VARCHAR(4000) NOT NULL,
	entities    VARCHAR(1000000) NOT NULL,
	data_key_id VARCHAR(64)  NOT NULL,
	body        BYTEA        NOT NULL,
	CONSTRAINT fhirnotary_audit_journal_pk PRIMARY KEY (id)
);
CREATE INDEX fhirnotary_audit_journal_recorded ON fhirnotary_audit_journal (recorded_ms, id);
-- whom each event is about: the patient's own trail is the search that must stay fast
CREATE TABLE fhirnotary_audit_journal_patient (
	patient     VARCHAR(128) NOT NULL,
	recorded_ms BIGINT       NOT NULL,
	id          VARCHAR(64)  NOT NULL,
	CONSTRAINT fhirnotary_audit_journal_patient_pk PRIMARY KEY (patient, recorded_ms, id)
);
