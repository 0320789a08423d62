package io.fhirnotary.interceptors.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Rejects invalid resources with 422 and an OperationOutcome listing every issue, before HAPI
 * stores anything. Registered on HAPI's JPA interceptor service, so REST, transaction and batch
 * entries, and internal DAO writes all pass through it; inside a transaction the exception
 * rolls the whole transaction back.
 */
@Interceptor
public class WriteValidationInterceptor {

	private final FhirContext fhirContext;
	private final WriteValidator validator;

	public WriteValidationInterceptor(FhirContext fhirContext, WriteValidator validator) {
		this.fhirContext = fhirContext;
		this.validator = validator;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		rejectIfInvalid(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		rejectIfInvalid(newResource, request);
	}

	private void rejectIfInvalid(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Resource r4) || !validator.validates(r4.fhirType())) {
			return;
		}
		boolean insideBundle = request != null && request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION;
		ValidationIssues issues =
				validator.validate(r4, insideBundle ? WriteContext.BUNDLE_ENTRY : WriteContext.SINGLE_RESOURCE);
		if (issues.hasErrors()) {
			throw new UnprocessableEntityException(
					fhirContext,
					issues.toOperationOutcome());
		}
	}
}
