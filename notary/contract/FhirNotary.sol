// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title fhir-notary anchor registry
/// @notice Records Merkle tree heads (RFC 9162, SHA-256) of batches of FHIR resource versions,
/// each with the number of leaves in its tree and the timestamp of the block that anchored it.
/// Only notary addresses authorised by the owner may anchor. docs/NOTARY.md describes the leaves,
/// the tree and the receipts that lead from a resource to a root stored here.
contract FhirNotary {
	/// @dev Packed into one storage slot; a timestamp of 0 means "not anchored".
	struct Anchor {
		uint64 timestamp;
		uint64 leafCount;
	}

	address public owner;
	mapping(address => bool) public isNotary;
	mapping(bytes32 => Anchor) private anchors;

	/// @notice Emitted once per root, when it is first anchored.
	event Anchored(bytes32 indexed root, uint64 leafCount, uint64 timestamp, address indexed notary);
	event NotaryAdded(address indexed notary);
	event NotaryRemoved(address indexed notary);
	event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

	error NotOwner(address caller);
	error NotNotary(address caller);
	error EmptyTree();
	error ZeroAddress();
	/// @notice The root is already anchored with another leaf count. A tree head determines its
	/// size, so this is a bug in the caller; refusing it keeps the first record authoritative.
	error LeafCountMismatch(bytes32 root, uint64 anchoredLeafCount, uint64 givenLeafCount);

	modifier onlyOwner() {
		if (msg.sender != owner) revert NotOwner(msg.sender);
		_;
	}

	/// @notice The deployer becomes the owner and the first notary.
	constructor() {
		owner = msg.sender;
		emit OwnershipTransferred(address(0), msg.sender);
		isNotary[msg.sender] = true;
		emit NotaryAdded(msg.sender);
	}

	/// @notice Anchors a tree head. Idempotent: anchoring a root that is already anchored with the
	/// same leaf count changes nothing, emits nothing and does not revert, so a re-broadcast after a
	/// crash or a reorg is harmless.
	/// @return newlyAnchored true when this call recorded the root
	function anchor(bytes32 root, uint64 leafCount) external returns (bool newlyAnchored) {
		if (!isNotary[msg.sender]) revert NotNotary(msg.sender);
		if (leafCount == 0) revert EmptyTree();
		Anchor storage existing = anchors[root];
		if (existing.timestamp != 0) {
			if (existing.leafCount != leafCount) revert LeafCountMismatch(root, existing.leafCount, leafCount);
			return false;
		}
		uint64 timestamp = uint64(block.timestamp);
		anchors[root] = Anchor(timestamp, leafCount);
		emit Anchored(root, leafCount, timestamp, msg.sender);
		return true;
	}

	/// @notice The anchor of a root: (0, 0) when it was never anchored.
	function getAnchor(bytes32 root) external view returns (uint64 timestamp, uint64 leafCount) {
		Anchor storage found = anchors[root];
		return (found.timestamp, found.leafCount);
	}

	function addNotary(address notary) external onlyOwner {
		if (notary == address(0)) revert ZeroAddress();
		if (!isNotary[notary]) {
			isNotary[notary] = true;
			emit NotaryAdded(notary);
		}
	}

	function removeNotary(address notary) external onlyOwner {
		if (isNotary[notary]) {
			isNotary[notary] = false;
			emit NotaryRemoved(notary);
		}
	}

	function transferOwnership(address newOwner) external onlyOwner {
		if (newOwner == address(0)) revert ZeroAddress();
		emit OwnershipTransferred(owner, newOwner);
		owner = newOwner;
	}
}
