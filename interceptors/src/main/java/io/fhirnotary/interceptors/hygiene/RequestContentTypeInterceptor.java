package io.fhirnotary.interceptors.hygiene;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Refuses writes whose body has a missing or non-FHIR {@code Content-Type} with 415, before HAPI
 * parses anything. The decision is {@link ContentTypePolicy}; this class only adapts it to HAPI.
 */
@Interceptor
public class RequestContentTypeInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean checkContentType(RequestDetails request, HttpServletRequest servletRequest) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		boolean searchOrOperation = operation == RestOperationTypeEnum.SEARCH_TYPE
				|| operation == RestOperationTypeEnum.SEARCH_SYSTEM
				|| operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
				|| operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
				|| operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER;
		boolean bodyPresent = servletRequest.getContentLengthLong() != 0;
		ContentTypePolicy.refusal(
						servletRequest.getMethod(),
						request.getResourceName(),
						searchOrOperation,
						servletRequest.getContentType(),
						bodyPresent)
				.ifPresent(reason -> {
					throw new UnsupportedMediaTypeException(reason);
				});
		return true;
	}
}
