package io.fhirnotary.server.crypto;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;

/**
 * A stored body failed its integrity check (tampered, moved, or its HAPI row points elsewhere).
 * A server-side fault, so a 500; the error-masking interceptor turns it into an OperationOutcome
 * with an incident id. The message names the resource version and key ids only, never content.
 */
final class UnreadableBodyException extends InternalErrorException {

	UnreadableBodyException(String message) {
		super(message);
	}
}
