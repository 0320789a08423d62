package io.fhirnotary.server.notary;

import java.util.Set;

/**
 * The auditor operations of DESIGN §6. They authorise themselves ({@link NotaryAccess}): an auditor
 * may call them on any resource, since they answer with hashes, proofs and anchors, never content;
 * the consent layer's request guards let them through for that reason.
 */
public final class NotaryOperationNames {

	public static final String VERIFY = "$verify";
	public static final String RECEIPT = "$notary-receipt";
	public static final String STATUS = "$notary-status";
	public static final String REVERIFY = "$notary-reverify";

	/** Instance-level operations (on a version or on the current version). */
	public static final Set<String> INSTANCE_OPERATIONS = Set.of(VERIFY, RECEIPT);
	/** All of them, including the system-level status and re-verification. */
	public static final Set<String> ALL = Set.of(VERIFY, RECEIPT, STATUS, REVERIFY);

	private NotaryOperationNames() {
	}
}
