package io.fhirnotary.interceptors.consent;

import io.fhirnotary.interceptors.identity.Interaction;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * One write the adapter is about to let through: what kind, on which type, the stored version it
 * replaces and the new content.
 *
 * @param interaction                    {@code CREATE}, {@code UPDATE} or {@code DELETE} (a patch is
 *                                       an update whose {@code proposed} is the patched result)
 * @param resourceType                   the resource type written
 * @param existing                       the current stored version; null for a create, or for an
 *                                       update that creates (PUT to a new id)
 * @param proposed                       the content to store; null for a delete
 * @param authorizingPrescriptionVisible for a MedicationDispense: whether every prescription its
 *                                       {@code authorizingPrescription} names is visible to the
 *                                       caller — the adapter computes it with {@link ConsentDecider}
 */
public record WriteRequest(
		Interaction interaction,
		String resourceType,
		Resource existing,
		Resource proposed,
		boolean authorizingPrescriptionVisible) {

	public WriteRequest {
		Objects.requireNonNull(interaction, "interaction");
		Objects.requireNonNull(resourceType, "resourceType");
		if (!interaction.isWrite()) {
			throw new IllegalArgumentException("not a write: " + interaction);
		}
		if (interaction != Interaction.DELETE && proposed == null) {
			throw new IllegalArgumentException(interaction + " needs the proposed resource");
		}
		if (interaction == Interaction.CREATE && existing != null) {
			throw new IllegalArgumentException("a create replaces nothing");
		}
		if (proposed != null && !proposed.fhirType().equals(resourceType)
				|| existing != null && !existing.fhirType().equals(resourceType)) {
			throw new IllegalArgumentException("resources do not match the type " + resourceType);
		}
	}

	public static WriteRequest create(Resource proposed) {
		return new WriteRequest(Interaction.CREATE, proposed.fhirType(), null, proposed, false);
	}

	/** @param existing the stored version, or null when the update creates the resource */
	public static WriteRequest update(Resource existing, Resource proposed) {
		return new WriteRequest(Interaction.UPDATE, proposed.fhirType(), existing, proposed, false);
	}

	public static WriteRequest delete(Resource existing) {
		return new WriteRequest(Interaction.DELETE, existing.fhirType(), existing, null, false);
	}

	/** The same request, with what the adapter found about the dispense's prescription. */
	public WriteRequest withAuthorizingPrescriptionVisible(boolean visible) {
		return new WriteRequest(interaction, resourceType, existing, proposed, visible);
	}
}
