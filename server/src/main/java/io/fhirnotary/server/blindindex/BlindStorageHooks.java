package io.fhirnotary.server.blindindex;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.dao.PreVerifyConditionalMatchCriteriaRequest;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import io.fhirnotary.interceptors.blindindex.SearchParameterRewriter;
import io.fhirnotary.interceptors.blindindex.UnsupportedBlindSearchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;

/**
 * The storage-side entry points where searched values arrive without passing the REST request
 * ({@link BlindSearchRequestInterceptor}): transaction and batch entries (search URLs,
 * {@code ifNoneExist}, conditional URLs and {@code Type?search} references), conditional-match
 * verification, references by match URL in single writes, bulk export {@code _typeFilter}s, and
 * as a safety net every search HAPI registers. Registered on HAPI's JPA interceptor service.
 */
@Interceptor
public final class BlindStorageHooks {

	/** Before the write rules and validation look at a resource's references. */
	private static final int EARLY = -1000;

	/**
	 * Marks a bundle entry's resource whose references the transaction hook already rewrote, so
	 * the pre-storage hook for the same object need not walk them again (a terser walk of every
	 * reference was 4% of protected ingest, done twice). Rewriting is idempotent: a resource HAPI
	 * copies loses the mark and is simply walked again.
	 */
	private static final String REFERENCES_REWRITTEN = BlindStorageHooks.class.getName() + ".referencesRewritten";

	private final SearchParameterRewriter rewriter;
	private final FhirContext fhirContext;

	BlindStorageHooks(SearchParameterRewriter rewriter, FhirContext fhirContext) {
		this.rewriter = rewriter;
		this.fhirContext = fhirContext;
	}

	/**
	 * Marks a resource the server built itself, whose references are all literal {@code Type/id}
	 * (never a match URL), so that storing it skips the walk over its references. The audit writer
	 * uses it: an AuditEvent of a large search names hundreds of resources, and the walk was ~5% of
	 * the audit writer's time.
	 */
	public static void holdsNoMatchUrls(IBaseResource resource) {
		resource.setUserData(REFERENCES_REWRITTEN, Boolean.TRUE);
	}

	@Hook(value = Pointcut.STORAGE_TRANSACTION_PROCESSING, order = EARLY)
	public void transaction(IBaseBundle bundle) {
		if (!(bundle instanceof Bundle r4)) {
			return;
		}
		refusingUnsupported(() -> {
			for (Bundle.BundleEntryComponent entry : r4.getEntry()) {
				Bundle.BundleEntryRequestComponent request = entry.getRequest();
				String type = entry.getResource() == null ? typeOf(request.getUrl()) : entry.getResource().fhirType();
				if (request.hasUrl() && request.getUrl().contains("?")) {
					request.setUrl(rewriter.rewriteUrl(request.getUrl()));
				}
				if (request.hasIfNoneExist()) {
					request.setIfNoneExist(MatchUrls.rewrite(rewriter, type, request.getIfNoneExist()));
				}
				if (entry.getResource() != null) {
					rewriteMatchUrlReferences(entry.getResource());
					entry.getResource().setUserData(REFERENCES_REWRITTEN, Boolean.TRUE);
				}
			}
		});
	}

	@Hook(Pointcut.STORAGE_PREVERIFY_CONDITIONAL_MATCH_CRITERIA)
	public void conditionalMatch(PreVerifyConditionalMatchCriteriaRequest request) {
		refusingUnsupported(() -> request.setConditionalUrl(
				MatchUrls.rewrite(rewriter, request.getResource().fhirType(), request.getConditionalUrl())));
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = EARLY)
	public void created(IBaseResource resource) {
		if (resource.getUserData(REFERENCES_REWRITTEN) == null) {
			refusingUnsupported(() -> rewriteMatchUrlReferences(resource));
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = EARLY)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource.getUserData(REFERENCES_REWRITTEN) == null) {
			refusingUnsupported(() -> rewriteMatchUrlReferences(resource));
		}
	}

	@Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
	public void bulkExport(BulkExportJobParameters parameters) {
		refusingUnsupported(() -> {
			List<String> filters = new ArrayList<>();
			for (String filter : parameters.getFilters()) {
				filters.add(rewriter.rewriteUrl(filter));
			}
			parameters.setFilters(filters);
		});
	}

	/**
	 * Safety net for searches that reached HAPI without passing an entry point above (internal DAO
	 * searches): token values still in clear are blinded here. Too late for the persisted query
	 * string of REST searches, which the request hook already rewrote.
	 */
	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void searchRegistered(ICachedSearchDetails search, SearchParameterMap parameters) {
		String type = search.getResourceType();
		refusingUnsupported(() -> {
			for (Map.Entry<String, List<List<IQueryParameterType>>> entry : parameters.entrySet()) {
				for (List<IQueryParameterType> alternatives : entry.getValue()) {
					for (IQueryParameterType parameter : alternatives) {
						if (parameter instanceof TokenParam token && token.getValue() != null) {
							String name = entry.getKey() + (token.getModifier() == null ? "" : token.getModifier().getValue());
							token.setValue(rewriter.rewriteTokenValue(type, name, token.getValue()));
						}
					}
				}
			}
		});
	}

	private void rewriteMatchUrlReferences(IBaseResource resource) {
		for (Reference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
			String value = reference.getReference();
			if (value != null && value.contains("?") && !value.startsWith("#") && !value.startsWith("urn:")) {
				reference.setReference(rewriter.rewriteUrl(value));
			}
		}
	}

	private static String typeOf(String url) {
		if (url == null) {
			return null;
		}
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		String[] segments = path.split("/");
		return segments.length == 0 ? null : segments[0];
	}

	private static void refusingUnsupported(Runnable rewrite) {
		try {
			rewrite.run();
		} catch (UnsupportedBlindSearchException refused) {
			throw new InvalidRequestException(refused.getMessage());
		}
	}
}
