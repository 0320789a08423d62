package io.fhirnotary.interceptors.hygiene;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** HTTP 415: HAPI has no exception of its own for it; HAPI renders this one as an OperationOutcome. */
public class UnsupportedMediaTypeException extends BaseServerResponseException {
	public static final int STATUS_CODE = 415;

	public UnsupportedMediaTypeException(String message) {
		super(STATUS_CODE, message);
	}
}
