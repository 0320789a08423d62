package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.fhirnotary.interceptors.blindindex.SearchParamKind;
import io.fhirnotary.interceptors.blindindex.SearchParameterCatalog;
import java.util.Optional;
import java.util.Set;

/** Answers the rewriter's questions from HAPI's search-parameter registry (built-ins plus overrides). */
final class RegistrySearchParameterCatalog implements SearchParameterCatalog {

	/** System-level searches use the parameters every resource has. */
	private static final String ANY_RESOURCE = "Resource";

	private final ISearchParamRegistry registry;

	RegistrySearchParameterCatalog(ISearchParamRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Optional<SearchParamKind> kindOf(String resourceType, String paramName) {
		return find(resourceType, paramName).map(RegistrySearchParameterCatalog::kindOf);
	}

	@Override
	public Set<String> referenceTargets(String resourceType, String paramName) {
		return find(resourceType, paramName).map(RuntimeSearchParam::getTargets).orElse(Set.of());
	}

	private Optional<RuntimeSearchParam> find(String resourceType, String paramName) {
		String type = resourceType == null ? ANY_RESOURCE : resourceType;
		try {
			return Optional.ofNullable(registry.getActiveSearchParam(
					type, paramName, ISearchParamRegistry.SearchParamLookupContextEnum.ALL));
		} catch (RuntimeException unknownType) {
			// HAPI refuses unknown resource types itself, with its own 400/404
			return Optional.empty();
		}
	}

	static SearchParamKind kindOf(RuntimeSearchParam param) {
		if (param.getParamType() == null) {
			return SearchParamKind.OTHER;
		}
		return switch (param.getParamType()) {
			case TOKEN -> SearchParamKind.TOKEN;
			case STRING -> SearchParamKind.STRING;
			case DATE -> SearchParamKind.DATE;
			case REFERENCE -> SearchParamKind.REFERENCE;
			case COMPOSITE -> SearchParamKind.COMPOSITE;
			default -> SearchParamKind.OTHER;
		};
	}
}
