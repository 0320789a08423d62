package io.fhirnotary.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.fhirnotary.interceptors.identity.Interaction;
import java.util.Optional;

/**
 * Which SMART permission letter a REST interaction asks for. Empty for requests whose scope is
 * judged later, entry by entry or resource by resource (transactions, batches, system-level
 * search and history, paging), and for the public capability statement.
 */
final class RequestedInteraction {

	private RequestedInteraction() {}

	static Optional<Interaction> of(RestOperationTypeEnum operation) {
		if (operation == null) {
			return Optional.empty();
		}
		return switch (operation) {
			case READ, VREAD, HISTORY_INSTANCE, META, EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE ->
				Optional.of(Interaction.READ);
			case SEARCH_TYPE, HISTORY_TYPE -> Optional.of(Interaction.SEARCH);
			case CREATE -> Optional.of(Interaction.CREATE);
			case UPDATE, PATCH, META_ADD, META_DELETE -> Optional.of(Interaction.UPDATE);
			case DELETE -> Optional.of(Interaction.DELETE);
			default -> Optional.empty();
		};
	}
}
