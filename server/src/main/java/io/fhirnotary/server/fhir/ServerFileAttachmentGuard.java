package io.fhirnotary.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * HAPI's terminology upload operations accept an attachment whose URL is {@code localfile:/path}
 * and then read that file from the server's own disk: anyone who may call the operation could
 * make the server load (and echo parts of) arbitrary local files. Uploads here must carry their
 * content, so such requests are refused with 400 before HAPI sees them.
 */
@Interceptor
public class ServerFileAttachmentGuard {

	static final Set<String> UPLOAD_OPERATIONS = Set.of(
			"$upload-external-code-system", "$apply-codesystem-delta-add", "$apply-codesystem-delta-remove");
	static final String REFUSAL = "Attachments must carry their content: server-side file references (localfile:) "
			+ "are not accepted";

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean refuseServerFileReferences(RequestDetails request) {
		if (request.getOperation() == null || !UPLOAD_OPERATIONS.contains(request.getOperation())) {
			return true;
		}
		byte[] body = request.loadRequestContents();
		if (body != null && new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("localfile:")) {
			throw new InvalidRequestException(REFUSAL);
		}
		return true;
	}
}
