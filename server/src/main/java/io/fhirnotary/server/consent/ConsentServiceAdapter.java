package io.fhirnotary.server.consent;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import io.fhirnotary.interceptors.identity.Caller;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's consent SPI over {@link ResourceVisibility}: every stored resource HAPI is about to
 * return — read, vread, history, search matches, {@code _include}/{@code _revinclude} targets,
 * {@code $everything}, batch entries — is shown only if the decision permits it. Registered through
 * HAPI's {@code ConsentInterceptor} on the JPA interceptor service, where the storage pointcuts
 * fire for every request path.
 *
 * <ul>
 *   <li>{@link #canSeeResource} runs at {@code STORAGE_PREACCESS_RESOURCES}: for searches before
 *       results are counted and cached (so totals and pages of a new search hold visible resources
 *       only), and for includes.</li>
 *   <li>{@link #willSeeResource} runs at {@code STORAGE_PRESHOW_RESOURCES} for every resource the
 *       first check has not passed — notably each later page of a search, which HAPI loads from its
 *       result cache without a second access check: a Consent revoked since the search started
 *       hides the resource on the next page.</li>
 * </ul>
 * A hidden target of a read or vread answers {@link NotFound}, like an id that never existed.
 * Internal work and callers who see everything are not judged. {@code startOperation} is not
 * used: request-level refusals are {@link SearchSurfaceGuard}'s and {@link InstanceAccessGuard}'s.
 */
final class ConsentServiceAdapter implements IConsentService {

	private static final Set<RestOperationTypeEnum> SINGLE_RESOURCE_READS =
			EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD);

	private final RequestCallers callers;
	private final ResourceVisibility visibility;

	ConsentServiceAdapter(RequestCallers callers, ResourceVisibility visibility) {
		this.callers = callers;
		this.visibility = visibility;
	}

	@Override
	public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices services) {
		// false also tells HAPI the search may be cached and shared; only for unjudged callers.
		return callers.judged(request).isPresent();
	}

	@Override
	public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		Optional<Caller> caller = callers.judged(request);
		if (caller.isEmpty()) {
			return ConsentOutcome.PROCEED;
		}
		RequestScope scope = RequestScope.of(request);
		if (visibility.visible(caller.get(), resource, scope)) {
			// AUTHORIZED: HAPI then skips willSeeResource for this same object.
			return ConsentOutcome.AUTHORIZED;
		}
		scope.countHidden();
		if (isTargetOfSingleRead(request, resource)) {
			throw NotFound.resource(request.getResourceName(), request.getId().getIdPart());
		}
		return ConsentOutcome.REJECT;
	}

	@Override
	public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		Optional<Caller> caller = callers.judged(request);
		if (caller.isEmpty() || !isStored(resource)) {
			return ConsentOutcome.PROCEED;
		}
		RequestScope scope = RequestScope.of(request);
		if (visibility.visible(caller.get(), resource, scope)) {
			return ConsentOutcome.PROCEED;
		}
		scope.countHidden();
		return ConsentOutcome.REJECT;
	}

	private static boolean isTargetOfSingleRead(RequestDetails request, IBaseResource resource) {
		IIdType target = request.getId();
		if (!SINGLE_RESOURCE_READS.contains(request.getRestOperationType()) || target == null || !target.hasIdPart()) {
			return false;
		}
		return target.getIdPart().equals(resource.getIdElement().getIdPart())
				&& request.getResourceName() != null
				&& request.getResourceName().equals(((Resource) resource).fhirType());
	}

	/** Only resources read from storage carry an id; anything else is built by the server. */
	private static boolean isStored(IBaseResource resource) {
		return resource != null && resource.getIdElement() != null && resource.getIdElement().hasIdPart();
	}
}
