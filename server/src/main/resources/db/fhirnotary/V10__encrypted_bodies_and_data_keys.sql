-- Encryption at rest (issue 4): envelope data keys and encrypted resource bodies.
-- Portable SQL: runs on PostgreSQL and on the H2 of the quick start.

-- One data key per patient compartment ('Patient/<id>') and one shared key ('*shared*'),
-- stored only wrapped by a key-encryption key (kek_id names it). Crypto-shredding sets
-- wrapped_key and kek_id to NULL and destroyed_at; the row stays so the compartment never
-- gets a fresh key that would make its erased history look readable again.
CREATE TABLE fn_data_key (
	key_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
	compartment  VARCHAR(100) NOT NULL,
	kek_id       VARCHAR(64),
	wrapped_key  BYTEA,
	created_at   TIMESTAMP    NOT NULL,
	destroyed_at TIMESTAMP
);
CREATE UNIQUE INDEX fn_data_key_compartment ON fn_data_key (compartment);
CREATE INDEX fn_data_key_kek ON fn_data_key (kek_id);

-- One row per stored resource version: HFJ_RES_VER.RES_TEXT_VC holds 'fnenc:<address>'.
-- res_pid/res_ver say which HAPI history row must point here (checked on every read);
-- data_key_id repeats the key id inside the ciphertext so shredding finds a key's bodies.
CREATE TABLE fn_resource_body (
	address     VARCHAR(40) NOT NULL PRIMARY KEY,
	res_pid     BIGINT      NOT NULL,
	res_ver     BIGINT      NOT NULL,
	data_key_id VARCHAR(64) NOT NULL,
	ciphertext  BYTEA       NOT NULL
);
CREATE INDEX fn_resource_body_key ON fn_resource_body (data_key_id);
CREATE INDEX fn_resource_body_version ON fn_resource_body (res_pid, res_ver);
