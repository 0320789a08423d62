#!/usr/bin/env bash
# Regenerates FhirNotary.abi and FhirNotary.bin from FhirNotary.sol with solcjs (npm solc@0.8.37).
# The Maven build only reads the committed .abi/.bin; run this after changing the contract and
# commit all three files. Settings (part of what the bytecode depends on):
#   compiler    solc 0.8.37 (npm package solc@0.8.37, soljson)
#   optimizer   enabled, runs = 200
#   evmVersion  paris (no PUSH0), so the contract deploys on chains that lag mainnet forks
#               (permissioned EVM chains, older L2s) as well as on current ones
#   metadata    default (IPFS hash appended; the bytecode is reproducible from the same source)
# SOLC_NODE_MODULES=/path/to/node_modules reuses an existing install of solc@0.8.37;
# otherwise the script installs it into a temporary directory that it removes afterwards.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

modules="${SOLC_NODE_MODULES:-}"
if [[ -z "$modules" ]]; then
	work="$(mktemp -d)"
	trap 'rm -rf "$work"' EXIT
	(cd "$work" && npm install --no-save --no-package-lock --silent solc@0.8.37 >/dev/null)
	modules="$work/node_modules"
fi

NODE_PATH="$modules" CONTRACT_DIR="$here" node - <<'JS'
const fs = require('fs');
const path = require('path');
const solc = require('solc');
const dir = process.env.CONTRACT_DIR;
if (!solc.version().startsWith('0.8.37+')) {
	throw new Error('expected solc 0.8.37, found ' + solc.version());
}
const input = {
	language: 'Solidity',
	sources: { 'FhirNotary.sol': { content: fs.readFileSync(path.join(dir, 'FhirNotary.sol'), 'utf8') } },
	settings: {
		optimizer: { enabled: true, runs: 200 },
		evmVersion: 'paris',
		outputSelection: { 'FhirNotary.sol': { FhirNotary: ['abi', 'evm.bytecode.object'] } },
	},
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = (output.errors || []).filter((e) => e.severity === 'error' || e.severity === 'warning');
if (problems.length) {
	throw new Error(problems.map((e) => e.formattedMessage).join('\n'));
}
const contract = output.contracts['FhirNotary.sol'].FhirNotary;
fs.writeFileSync(path.join(dir, 'FhirNotary.abi'), JSON.stringify(contract.abi, null, 2) + '\n');
fs.writeFileSync(path.join(dir, 'FhirNotary.bin'), contract.evm.bytecode.object + '\n');
console.log('compiled with solc ' + solc.version() + ': ' + contract.evm.bytecode.object.length / 2 + ' bytes of init code');
JS
