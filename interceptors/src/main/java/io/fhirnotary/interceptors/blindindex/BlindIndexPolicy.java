package io.fhirnotary.interceptors.blindindex;

import io.fhirnotary.interceptors.audit.AuditEventSearchParameters;
import java.util.Optional;
import java.util.Set;

/**
 * Which search-index values may stay in clear. Deny by default: every token of a clinical resource
 * is blinded unless it is on the short list of workflow codes below, every string parameter is
 * disabled (names and addresses come back as exact blind tokens, {@link BlindTokenParameters}), and
 * birth and death dates never reach the date index. Conformance and terminology resources (code systems, value sets, profiles, search
 * parameters) are public reference data and keep plain HAPI's behaviour.
 *
 * <p>What stays clear is the documented residue (docs/ENCRYPTION.md): ids and references, status,
 * intent and priority codes, {@code _lastUpdated}, dates of care, numbers and quantities.
 */
public final class BlindIndexPolicy {

	/** Resource types that hold public reference data, never a person's. */
	private static final Set<String> REFERENCE_DATA_TYPES = Set.of(
			"CodeSystem", "ValueSet", "ConceptMap", "NamingSystem", "StructureDefinition", "StructureMap",
			"SearchParameter", "OperationDefinition", "CapabilityStatement", "CompartmentDefinition",
			"ImplementationGuide", "TerminologyCapabilities", "GraphDefinition", "MessageDefinition",
			"Subscription");

	/** Token parameters whose values are workflow codes or resource metadata, not facts about a person. */
	private static final Set<String> CLEAR_TOKENS = Set.of(
			"_id", "_tag", "_security", "_language", "_source", "_profile", "status", "intent", "priority", "active");

	/** Token parameters that hold phone numbers and e-mail addresses. */
	private static final Set<String> TELECOM_TOKENS = Set.of("telecom", "phone", "email");


	public Treatment treatmentOf(String resourceType, String paramName, SearchParamKind kind) {
		if (resourceType != null && REFERENCE_DATA_TYPES.contains(resourceType)) {
			return Treatment.CLEAR;
		}
		if (resourceType != null && BlindTokenParameters.isRetired(resourceType, paramName)) {
			return Treatment.DISABLED;
		}
		if (AuditEventSearchParameters.isUnindexed(resourceType, paramName)) {
			return Treatment.DISABLED;
		}
		Optional<BlindTokenParameters.Replacement> replacement = resourceType == null
				? Optional.empty()
				: BlindTokenParameters.replacementFor(resourceType, paramName);
		if (replacement.isPresent()) {
			// Only the token parameter under the index code holds values; the built-in string or date
			// parameter (registered until its retirement is) must neither be indexed nor searched.
			boolean blindToken = kind == SearchParamKind.TOKEN && paramName.equals(replacement.get().indexCode());
			return blindToken ? Treatment.blind(replacement.get().normaliser()) : Treatment.DISABLED;
		}
		return switch (kind) {
			case TOKEN -> tokenTreatment(paramName);
			case STRING -> Treatment.DISABLED;
			case DATE -> "birthdate".equals(paramName) ? Treatment.DISABLED : Treatment.CLEAR;
			// Composite parameters join a token to a value; their token half would be searched in clear.
			case COMPOSITE -> Treatment.DISABLED;
			case REFERENCE, OTHER -> Treatment.CLEAR;
		};
	}

	private static Treatment tokenTreatment(String paramName) {
		if (CLEAR_TOKENS.contains(paramName)) {
			return Treatment.CLEAR;
		}
		return Treatment.blind(TELECOM_TOKENS.contains(paramName) ? Normaliser.TELECOM : Normaliser.EXACT);
	}
}
