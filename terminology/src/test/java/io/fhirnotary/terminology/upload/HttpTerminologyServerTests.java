package io.fhirnotary.terminology.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import io.fhirnotary.terminology.load.ArchivePart;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's requests on the wire, against the JDK's own HTTP server answering like HAPI does.
 * (The whole loader against the real server is tried by hand; see docs/TERMINOLOGY.md.)
 */
class HttpTerminologyServerTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();

	private record Seen(String method, String uri, String authorization, String ifNoneExist, String body) {}

	private final List<Seen> seen = new CopyOnWriteArrayList<>();
	private HttpServer http;
	private volatile int status = 200;
	private volatile String answer = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"conceptCount\",\"valueInteger\":7}]}";

	@BeforeEach
	void start() throws IOException {
		http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		http.createContext("/fhir", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("If-None-Exist"), body));
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		http.start();
	}

	@AfterEach
	void stop() {
		http.stop(0);
	}

	@Test
	void uploadsAPartAsAZipAttachmentWithTheSystem() throws IOException {
		byte[] zip = {0x50, 0x4b, 3, 4, 1, 2, 3};

		int count = client("secret", 1_000_000).uploadExternalCodeSystem("http://example.org/cs", new ArchivePart(1, 1, zip, 7, "c6"));

		assertThat(count).isEqualTo(7);
		Seen request = seen.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo("/fhir/CodeSystem/$upload-external-code-system");
		assertThat(request.authorization()).isEqualTo("Bearer secret");
		Parameters parameters = R4.newJsonParser().parseResource(Parameters.class, request.body());
		assertThat(((UriType) parameters.getParameter("system").getValue()).getValue()).isEqualTo("http://example.org/cs");
		Attachment file = (Attachment) parameters.getParameter("file").getValue();
		assertThat(file.getUrl()).isEqualTo("part-1-of-1.zip");
		assertThat(file.getContentType()).isEqualTo("application/zip");
		assertThat(file.getData()).isEqualTo(zip);
	}

	@Test
	void addsFurtherPartsWithTheDeltaOperation() throws IOException {
		client(null, 1_000_000).applyDeltaAdd("http://example.org/cs", new ArchivePart(2, 2, new byte[] {1}, 1, "x"));

		assertThat(seen.get(0).uri()).isEqualTo("/fhir/CodeSystem/$apply-codesystem-delta-add");
		assertThat(seen.get(0).authorization()).isNull();
	}

	@Test
	void putsResourcesByUrlWithoutTheirIdAndCreatesIfAbsentWithTheHeader() throws IOException {
		status = 201;
		answer = "{\"resourceType\":\"ValueSet\"}";
		ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs?x=1");
		valueSet.setId("local-id");

		assertThat(client(null, 1_000_000).putByUrl(valueSet, false)).isTrue();
		assertThat(client(null, 1_000_000).createIfAbsent(valueSet)).isTrue();

		assertThat(seen.get(0).method()).isEqualTo("PUT");
		assertThat(URLDecoder.decode(seen.get(0).uri(), StandardCharsets.UTF_8)).isEqualTo("/fhir/ValueSet?url=http://example.org/vs?x=1");
		assertThat(seen.get(0).body()).doesNotContain("local-id");
		assertThat(seen.get(1).method()).isEqualTo("POST");
		assertThat(seen.get(1).uri()).isEqualTo("/fhir/ValueSet");
		assertThat(seen.get(1).ifNoneExist()).isEqualTo("url=http%3A%2F%2Fexample.org%2Fvs%3Fx%3D1");
	}

	@Test
	void anUpdateIsNotACreate() throws IOException {
		status = 200;
		answer = "{\"resourceType\":\"ValueSet\"}";

		assertThat(client(null, 1_000_000).putByUrl(new ValueSet().setUrl("http://example.org/vs"), false)).isFalse();
	}

	@Test
	void putsCodeSystemsByUrlAndVersionWhenAsked() throws IOException {
		answer = "{\"resourceType\":\"CodeSystem\"}";

		client(null, 1_000_000).putByUrl(new CodeSystem().setUrl("http://example.org/cs").setVersion("2025 01"), true);

		assertThat(seen.get(0).uri()).isEqualTo("/fhir/CodeSystem?url=http%3A%2F%2Fexample.org%2Fcs&version=2025+01");
	}

	@Test
	void tellsStoredFromMissingAndDeletedResources() throws IOException {
		answer = "{\"resourceType\":\"CodeSystem\",\"id\":\"rxnorm-01062025\"}";
		assertThat(client(null, 1_000_000).exists("CodeSystem", "rxnorm-01062025")).isTrue();
		assertThat(seen.get(0).uri()).isEqualTo("/fhir/CodeSystem/rxnorm-01062025?_elements=id");

		status = 410;
		answer = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"deleted\"}]}";
		assertThat(client(null, 1_000_000).exists("CodeSystem", "rxnorm-01062025")).isFalse();
		status = 404;
		assertThat(client(null, 1_000_000).exists("CodeSystem", "rxnorm-01062025")).isFalse();
	}

	@Test
	void looksCodesUpReportingTheVersionThatAnsweredAndReadsNotFoundAsUnknown() throws IOException {
		answer = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"version\",\"valueString\":\"01062025\"}]}";
		assertThat(client(null, 1_000_000).lookupVersion("http://example.org/cs", null, "a b")).contains("01062025");
		assertThat(seen.get(0).uri()).isEqualTo("/fhir/CodeSystem/$lookup?system=http%3A%2F%2Fexample.org%2Fcs&code=a+b");
		client(null, 1_000_000).lookupVersion("http://example.org/cs", "01062025", "a");
		assertThat(seen.get(1).uri()).endsWith("&version=01062025");

		status = 404;
		answer = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}";
		assertThat(client(null, 1_000_000).lookupVersion("http://example.org/cs", null, "zzz")).isEmpty();
	}

	@Test
	void reportsTheServersOwnWordsOnFailure() {
		status = 422;
		answer = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
				+ "\"diagnostics\":\"HAPI-0862: Could not find the following mandatory files\"}]}";

		assertThatThrownBy(() -> client(null, 1_000_000).uploadExternalCodeSystem("http://example.org/cs", new ArchivePart(1, 1, new byte[] {1}, 1, "a")))
				.isInstanceOf(TerminologyServerException.class)
				.hasMessageContaining("HTTP 422")
				.hasMessageContaining("HAPI-0862")
				.satisfies(e -> assertThat(((TerminologyServerException) e).status()).isEqualTo(422));
	}

	@Test
	void refusesToSendABodyOverTheLimit() {
		assertThatThrownBy(() -> client(null, 100).putByUrl(new ValueSet().setUrl("http://example.org/" + "x".repeat(200)), false))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("exceeds the request limit");
		assertThat(seen).isEmpty();
	}

	@Test
	void aServerThatIsNotThereIsAFailureWithoutStatus() {
		HttpTerminologyServer nowhere = new HttpTerminologyServer("http://127.0.0.1:1/fhir", null, 1_000, Duration.ofSeconds(5), R4);

		assertThatThrownBy(() -> nowhere.lookupVersion("http://example.org/cs", null, "a"))
				.isInstanceOf(TerminologyServerException.class)
				.satisfies(e -> assertThat(((TerminologyServerException) e).status()).isZero());
	}

	private HttpTerminologyServer client(String token, long maxRequestBytes) {
		return new HttpTerminologyServer("http://127.0.0.1:" + http.getAddress().getPort() + "/fhir/", token, maxRequestBytes,
				Duration.ofSeconds(10), R4);
	}
}
