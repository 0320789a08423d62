package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedComboStringUnique;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedComboTokenNonUnique;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamDate;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamNumber;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamQuantity;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamQuantityNormalized;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamString;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamUri;
import ca.uhn.fhir.jpa.searchparam.extractor.BaseSearchParamExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.PathAndRef;
import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParamComposite;
import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParams;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import io.fhirnotary.interceptors.blindindex.SearchParamKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's search-parameter extractor with blind indexes: every index row it extracts passes
 * {@link IndexEntityBlinder} before HAPI stores or compares it. Everything that indexes a resource
 * goes through this one bean (create, update, transaction, reindex, contained resources, in-memory
 * matching for conditional URLs and subscriptions), so there is no second path to guard.
 *
 * <p>Installed by {@link BlindIndexConfig} as a decorator of HAPI's own bean (Spring Boot does not
 * allow replacing it). Composite rows are left as HAPI builds them: only the (disabled) full-text
 * index reads them; JPA composite searches use the token rows, which are blinded.
 */
final class BlindingSearchParamExtractor implements ISearchParamExtractor {

	private final ISearchParamExtractor delegate;
	private final Supplier<IndexEntityBlinder> blinder;

	BlindingSearchParamExtractor(ISearchParamExtractor delegate, Supplier<IndexEntityBlinder> blinder) {
		this.delegate = delegate;
		this.blinder = blinder;
	}

	@Override
	public SearchParamSet<ResourceIndexedSearchParamDate> extractSearchParamDates(
			IBaseResource resource, ISearchParamFilter filter) {
		return blinder.get().dates(delegate.extractSearchParamDates(resource, kept(resource, SearchParamKind.DATE, filter)));
	}

	/**
	 * HAPI's filter, less the parameters of {@code kind} whose every row the blinder would drop:
	 * the result is the same, without evaluating their paths.
	 */
	private ISearchParamFilter kept(IBaseResource resource, SearchParamKind kind, ISearchParamFilter filter) {
		RestSearchParameterTypeEnum type = switch (kind) {
			case DATE -> RestSearchParameterTypeEnum.DATE;
			case STRING -> RestSearchParameterTypeEnum.STRING;
			case TOKEN -> RestSearchParameterTypeEnum.TOKEN;
			default -> throw new IllegalArgumentException("not filtered: " + kind);
		};
		String resourceType = delegate.toRootTypeName(resource);
		IndexEntityBlinder current = blinder.get();
		return params -> {
			Collection<RuntimeSearchParam> chosen = filter.filterSearchParams(params);
			List<RuntimeSearchParam> kept = new ArrayList<>(chosen.size());
			for (RuntimeSearchParam param : chosen) {
				if (param.getParamType() != type || current.mayKeepRowsOf(resourceType, param.getName(), kind)) {
					kept.add(param);
				}
			}
			return kept;
		};
	}

	@Override
	public SearchParamSet<ResourceIndexedSearchParamNumber> extractSearchParamNumber(
			IBaseResource resource, ISearchParamFilter filter) {
		return delegate.extractSearchParamNumber(resource, filter);
	}

	@Override
	public SearchParamSet<ResourceIndexedSearchParamQuantity> extractSearchParamQuantity(
			IBaseResource resource, ISearchParamFilter filter) {
		return delegate.extractSearchParamQuantity(resource, filter);
	}

	@Override
	public SearchParamSet<ResourceIndexedSearchParamQuantityNormalized> extractSearchParamQuantityNormalized(
			IBaseResource resource, ISearchParamFilter filter) {
		return delegate.extractSearchParamQuantityNormalized(resource, filter);
	}

	@Override
	public SearchParamSet<ResourceIndexedSearchParamString> extractSearchParamStrings(
			IBaseResource resource, ISearchParamFilter filter) {
		return blinder.get().strings(delegate.extractSearchParamStrings(resource, kept(resource, SearchParamKind.STRING, filter)));
	}

	@Override
	public SearchParamSet<ResourceIndexedSearchParamComposite> extractSearchParamComposites(
			IBaseResource resource, ISearchParamFilter filter) {
		return delegate.extractSearchParamComposites(resource, filter);
	}

	@Override
	public SearchParamSet<BaseResourceIndexedSearchParam> extractSearchParamTokens(
			IBaseResource resource, ISearchParamFilter filter) {
		return blinder.get().tokens(delegate.extractSearchParamTokens(resource, kept(resource, SearchParamKind.TOKEN, filter)));
	}

	@Override
	public SearchParamSet<BaseResourceIndexedSearchParam> extractSearchParamTokens(
			IBaseResource resource, RuntimeSearchParam searchParam) {
		return blinder.get().tokens(delegate.extractSearchParamTokens(resource, searchParam));
	}

	@Override
	public SearchParamSet<BaseResourceIndexedSearchParam> extractSearchParamSpecial(
			IBaseResource resource, ISearchParamFilter filter) {
		return delegate.extractSearchParamSpecial(resource, filter);
	}

	@Override
	public SearchParamSet<ResourceIndexedComboStringUnique> extractSearchParamComboUnique(
			String resourceType, ResourceIndexedSearchParams params) {
		return delegate.extractSearchParamComboUnique(resourceType, params);
	}

	@Override
	public SearchParamSet<ResourceIndexedComboTokenNonUnique> extractSearchParamComboNonUnique(
			String resourceType, ResourceIndexedSearchParams params) {
		return delegate.extractSearchParamComboNonUnique(resourceType, params);
	}

	@Override
	public SearchParamSet<ResourceIndexedSearchParamUri> extractSearchParamUri(
			IBaseResource resource, ISearchParamFilter filter) {
		return delegate.extractSearchParamUri(resource, filter);
	}

	@Override
	public SearchParamSet<PathAndRef> extractResourceLinks(IBaseResource resource, boolean wantLocalReferences) {
		return delegate.extractResourceLinks(resource, wantLocalReferences);
	}

	@Override
	public String[] split(String expression) {
		return delegate.split(expression);
	}

	@Override
	public List<String> extractParamValuesAsStrings(RuntimeSearchParam searchParam, IBaseResource resource) {
		return delegate.extractParamValuesAsStrings(searchParam, resource);
	}

	@Override
	public List<IBase> extractValues(String paths, IBase resource) {
		return delegate.extractValues(paths, resource);
	}

	@Override
	public String toRootTypeName(IBase value) {
		return delegate.toRootTypeName(value);
	}

	@Override
	public String toTypeName(IBase value) {
		return delegate.toTypeName(value);
	}

	@Override
	public PathAndRef extractReferenceLinkFromResource(IBase value, String path) {
		return delegate.extractReferenceLinkFromResource(value, path);
	}

	@Override
	public Date extractDateFromResource(IBase value, String path) {
		return delegate.extractDateFromResource(value, path);
	}

	@Override
	public ResourceIndexedSearchParamToken createSearchParamForCoding(
			String resourceType, RuntimeSearchParam searchParam, IBase value) {
		return blinder.get().token(delegate.createSearchParamForCoding(resourceType, searchParam, value));
	}

	@Override
	public String getDisplayTextForCoding(IBase value) {
		return delegate.getDisplayTextForCoding(value);
	}

	@Override
	public BaseSearchParamExtractor.IValueExtractor getPathValueExtractor(IBase resource, String singlePath) {
		return delegate.getPathValueExtractor(resource, singlePath);
	}

	@Override
	public List<IBase> getCodingsFromCodeableConcept(IBase value) {
		return delegate.getCodingsFromCodeableConcept(value);
	}

	@Override
	public String getDisplayTextFromCodeableConcept(IBase value) {
		return delegate.getDisplayTextFromCodeableConcept(value);
	}
}
