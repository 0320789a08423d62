package io.fhirnotary.terminology.upload;

import java.io.IOException;

/** The server refused or failed a request; the message carries the status and the server's own words. */
public final class TerminologyServerException extends IOException {

	private final int status;

	public TerminologyServerException(String request, int status, String detail) {
		super(request + " answered HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
		this.status = status;
	}

	/** The HTTP status; 0 when the request never got an answer. */
	public int status() {
		return status;
	}
}
