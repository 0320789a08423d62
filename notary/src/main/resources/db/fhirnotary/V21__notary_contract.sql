-- The contract deployed by deploy-if-missing (dev and test chains), per chain, so that every server
-- node and every restart uses the same one instead of deploying its own.
CREATE TABLE fhirnotary_notary_contract (
	chain_id         BIGINT      PRIMARY KEY,
	contract_address VARCHAR(42) NOT NULL,
	deployed_at_ms   BIGINT      NOT NULL
);
