package io.fhirnotary.server.consent;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * The one answer for "there is nothing here for you": exactly what HAPI 8.8.0 answers for a read
 * of an id that was never stored ({@code IdHelperService}, code 2001) — 404 with an
 * OperationOutcome whose only content is this message. Hidden resources and ids that never existed
 * both get it, built from the request alone, so the two cannot be told apart; HAPI's own message
 * for a resource consent filtered out (code 1995) and for some operations (2841) would differ.
 */
final class NotFound {

	private NotFound() {}

	static ResourceNotFoundException resource(String type, String id) {
		return new ResourceNotFoundException(Msg.code(2001) + "Resource " + type + "/" + id + " is not known");
	}
}
