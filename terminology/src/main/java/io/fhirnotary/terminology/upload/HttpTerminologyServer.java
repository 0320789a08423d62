package io.fhirnotary.terminology.upload;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.load.ArchivePart;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UriType;

/**
 * {@link TerminologyServer} over HTTP with the JDK's client, FHIR JSON bodies.
 *
 * <p>Bodies are built in memory and measured before they are sent: one larger than the server's
 * request limit is refused here with a message that says so, rather than cut off by the server
 * half way through an upload.
 */
public final class HttpTerminologyServer implements TerminologyServer {

	private static final String FHIR_JSON = "application/fhir+json";

	private final String base;
	private final String token;
	private final long maxRequestBytes;
	private final Duration requestTimeout;
	private final FhirContext fhirContext;
	private final HttpClient http;

	/**
	 * @param base the FHIR base URL, e.g. http://localhost:8080/fhir
	 * @param token a bearer token, or null
	 * @param maxRequestBytes the server's request body limit
	 * @param requestTimeout how long one request may take (a big upload is processed before the answer)
	 */
	public HttpTerminologyServer(String base, String token, long maxRequestBytes, Duration requestTimeout, FhirContext fhirContext) {
		this.base = stripTrailingSlash(Objects.requireNonNull(base, "base"));
		this.token = token;
		this.maxRequestBytes = maxRequestBytes;
		this.requestTimeout = requestTimeout;
		this.fhirContext = fhirContext;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
	}

	@Override
	public int uploadExternalCodeSystem(String system, ArchivePart part) throws IOException {
		return postOperation("CodeSystem/$upload-external-code-system", system, part);
	}

	@Override
	public int applyDeltaAdd(String system, ArchivePart part) throws IOException {
		return postOperation("CodeSystem/$apply-codesystem-delta-add", system, part);
	}

	@Override
	public boolean exists(String resourceType, String id) throws IOException {
		String path = resourceType + "/" + urlEncode(id) + "?_elements=id";
		HttpResponse<String> response = exchange(request(path).GET(), "GET " + path);
		if (response.statusCode() == 200) {
			return true;
		}
		if (response.statusCode() == 404 || response.statusCode() == 410) {
			return false;
		}
		throw new TerminologyServerException("GET " + path, response.statusCode(), diagnostics(response.body()));
	}

	@Override
	public boolean putByUrl(MetadataResource resource, boolean matchVersion) throws IOException {
		String path = resource.fhirType() + "?url=" + urlEncode(resource.getUrl());
		if (matchVersion && resource.hasVersion()) {
			path += "&version=" + urlEncode(resource.getVersion());
		}
		HttpResponse<String> response = send(request(path).PUT(body(json(withoutId(resource)))), "PUT " + path);
		return response.statusCode() == 201;
	}

	@Override
	public boolean createIfAbsent(MetadataResource resource) throws IOException {
		String path = resource.fhirType();
		HttpRequest.Builder request = request(path)
				.header("If-None-Exist", "url=" + urlEncode(resource.getUrl()))
				.POST(body(json(withoutId(resource))));
		HttpResponse<String> response = send(request, "POST " + path + " (If-None-Exist)");
		return response.statusCode() == 201;
	}

	@Override
	public Optional<String> lookupVersion(String system, String version, String code) throws IOException {
		String path = "CodeSystem/$lookup?system=" + urlEncode(system) + "&code=" + urlEncode(code)
				+ (version == null ? "" : "&version=" + urlEncode(version));
		HttpResponse<String> response = exchange(request(path).GET(), "GET " + path);
		if (response.statusCode() == 404 || response.statusCode() == 400) {
			return Optional.empty(); // HAPI's answer for a code (or code system version) it does not hold
		}
		if (response.statusCode() != 200) {
			throw new TerminologyServerException("GET " + path, response.statusCode(), diagnostics(response.body()));
		}
		Parameters answer = fhirContext.newJsonParser().parseResource(Parameters.class, response.body());
		Parameters.ParametersParameterComponent answered = answer.getParameter("version");
		return Optional.of(answered == null || answered.getValue() == null ? "" : answered.getValue().primitiveValue());
	}

	private int postOperation(String path, String system, ArchivePart part) throws IOException {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("system").setValue(new UriType(system));
		parameters.addParameter().setName("file").setValue(
				new Attachment().setContentType("application/zip").setUrl(part.fileName()).setData(part.zip()));
		HttpResponse<String> response = send(request(path).POST(body(json(parameters))), "POST " + path);
		Parameters answer = fhirContext.newJsonParser().parseResource(Parameters.class, response.body());
		return answer.getParameter().stream()
				.filter(p -> "conceptCount".equals(p.getName()) && p.getValue() instanceof IntegerType)
				.map(p -> ((IntegerType) p.getValue()).getValue())
				.findFirst()
				.orElse(-1);
	}

	private String json(Resource resource) throws IOException {
		String json = fhirContext.newJsonParser().encodeResourceToString(resource);
		long size = json.getBytes(StandardCharsets.UTF_8).length;
		if (size > maxRequestBytes) {
			throw new IOException(resource.fhirType() + " body of " + size + " bytes exceeds the request limit of "
					+ maxRequestBytes + " bytes (--max-request-size)");
		}
		return json;
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String what) throws IOException {
		HttpResponse<String> response = exchange(request, what);
		if (response.statusCode() / 100 != 2) {
			throw new TerminologyServerException(what, response.statusCode(), diagnostics(response.body()));
		}
		return response;
	}

	private HttpResponse<String> exchange(HttpRequest.Builder request, String what) throws IOException {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(what + " interrupted", e);
		} catch (IOException e) {
			throw new TerminologyServerException(what, 0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/" + path))
				.timeout(requestTimeout)
				.header("Accept", FHIR_JSON)
				.header("Content-Type", FHIR_JSON + "; charset=utf-8");
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private static HttpRequest.BodyPublisher body(String json) {
		return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
	}

	/** The OperationOutcome's issue texts, or the start of whatever else the server sent. */
	private String diagnostics(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, body);
			StringBuilder text = new StringBuilder();
			for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
				if (text.length() > 0) {
					text.append("; ");
				}
				text.append(issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getCode().toCode());
			}
			return text.toString();
		} catch (RuntimeException notAnOutcome) {
			return body.length() > 300 ? body.substring(0, 300) + "..." : body;
		}
	}

	private static MetadataResource withoutId(MetadataResource resource) {
		// the server assigns or matches the id by url; a stale versionId would only confuse it
		MetadataResource copy = resource.copy();
		copy.setIdElement(null);
		copy.getMeta().setVersionIdElement(null).setLastUpdatedElement(null);
		return copy;
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
