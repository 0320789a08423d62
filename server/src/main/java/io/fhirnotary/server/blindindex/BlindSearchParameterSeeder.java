package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.fhirnotary.interceptors.blindindex.BlindTokenParameters;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the SearchParameter resources that turn name, address and birth-date parameters into
 * blind tokens and retire the ones a blind index cannot serve (HAPI's own way of overriding
 * built-in parameters), in one transaction, then refreshes HAPI's registry. Idempotent: an
 * unchanged parameter is not rewritten (every write would add a version). Until this has run, the extractor indexes none of these parameters at all (the policy
 * disables their string and date forms), so nothing is ever indexed in clear.
 *
 * <p>Existing databases that were loaded before (or in plain mode) need a {@code $reindex} so that
 * their index rows are rebuilt blind; a new key (index key rotation) needs the same.
 */
final class BlindSearchParameterSeeder {

	private static final Logger log = LoggerFactory.getLogger(BlindSearchParameterSeeder.class);

	private final IFhirResourceDao<SearchParameter> searchParameters;
	private final IFhirSystemDao<Bundle, ?> system;
	private final ISearchParamRegistry registry;
	private final JpaStorageSettings settings;

	BlindSearchParameterSeeder(IFhirResourceDao<SearchParameter> searchParameters, IFhirSystemDao<Bundle, ?> system,
			ISearchParamRegistry registry, JpaStorageSettings settings) {
		this.searchParameters = searchParameters;
		this.system = system;
		this.registry = registry;
		this.settings = settings;
	}

	void seed() {
		// One transaction for all changed parameters: HAPI rebuilds its registry once, not per parameter.
		Bundle changes = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (SearchParameter parameter : wanted()) {
			if (isMissingOrDifferent(parameter)) {
				changes.addEntry().setResource(parameter).getRequest()
						.setMethod(Bundle.HTTPVerb.PUT).setUrl("SearchParameter/" + parameter.getIdPart());
			}
		}
		int stored = changes.getEntry().size();
		if (stored > 0) {
			// HAPI would queue a reindex job per stored parameter; one $reindex after an upgrade does it all
			boolean markForReindex = settings.isMarkResourcesForReindexingUponSearchParameterChange();
			settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
			try {
				system.transaction(new SystemRequestDetails(), changes);
			} finally {
				settings.setMarkResourcesForReindexingUponSearchParameterChange(markForReindex);
			}
		}
		registry.forceRefresh();
		log.info("Blind index search parameters in place ({} stored now)", stored);
	}

	static List<SearchParameter> wanted() {
		List<SearchParameter> all = new ArrayList<>();
		for (BlindTokenParameters.Replacement replacement : BlindTokenParameters.replacements()) {
			SearchParameter parameter = base(replacement.id(), replacement.url(), replacement.base(), replacement.indexCode(),
					replacement.expression());
			parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
			parameter.setType(Enumerations.SearchParamType.TOKEN);
			parameter.setDescription("Exact match on a blind index (keyed HMAC) of the normalised " + replacement.code()
					+ "; replaces the built-in parameter in protected mode (docs/ENCRYPTION.md)");
			all.add(parameter);
		}
		List<BlindTokenParameters.Retirement> retirements = new ArrayList<>(BlindTokenParameters.retirements());
		BlindTokenParameters.replacements().forEach(r -> retirements.add(r.retirementOfBuiltIn()));
		for (BlindTokenParameters.Retirement retirement : retirements) {
			SearchParameter parameter = base(retirement.id(), retirement.url(), retirement.base(), retirement.code(),
					retirement.expression());
			parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
			parameter.setType(Enumerations.SearchParamType.fromCode(retirement.type()));
			parameter.setDescription("Disabled in protected mode: it would need personal data in clear in the search "
					+ "index (docs/ENCRYPTION.md)");
			all.add(parameter);
		}
		return all;
	}

	private static SearchParameter base(String id, String url, String resourceType, String code, String expression) {
		SearchParameter parameter = new SearchParameter();
		parameter.setId(id);
		parameter.setUrl(url);
		parameter.setName(resourceType + "-" + code);
		parameter.setCode(code);
		parameter.addBase(resourceType);
		parameter.setExpression(expression);
		return parameter;
	}

	private boolean isMissingOrDifferent(SearchParameter wanted) {
		try {
			SearchParameter existing =
					searchParameters.read(new IdType("SearchParameter", wanted.getIdPart()), new SystemRequestDetails());
			return existing.getStatus() != wanted.getStatus() || existing.getType() != wanted.getType()
					|| !wanted.getCode().equals(existing.getCode()) || !wanted.getExpression().equals(existing.getExpression());
		} catch (ResourceNotFoundException | ResourceGoneException absent) {
			return true;
		}
	}
}
