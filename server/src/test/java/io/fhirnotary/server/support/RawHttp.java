package io.fhirnotary.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP against the FHIR base, for requests a FHIR client would refuse to send. */
public final class RawHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private final String base;
	private final String bearerToken;

	/** Sends no Authorization header: what an anonymous client gets. */
	public RawHttp(String base) {
		this(base, null);
	}

	/** Sends {@code Authorization: Bearer token} with every request. */
	public RawHttp(String base, String bearerToken) {
		this.base = base;
		this.bearerToken = bearerToken;
	}

	/** The same base, another caller (null: anonymous). */
	public RawHttp as(String token) {
		return new RawHttp(base, token);
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public Response send(String method, String path, String contentType, byte[] body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return send(builder);
	}

	public Response send(String method, String path, String contentType, String body) {
		return send(method, path, contentType, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	public Response send(HttpRequest.Builder builder) {
		if (bearerToken != null) {
			builder.setHeader("Authorization", "Bearer " + bearerToken);
		}
		try {
			HttpResponse<String> response =
					client.send(builder.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
			return new Response(
					response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(""),
					response.body(),
					response.headers().firstValue("WWW-Authenticate").orElse(""));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public URI uri(String path) {
		return URI.create(path.startsWith("http") ? path : base + (path.startsWith("/") ? path : "/" + path));
	}

	public record Response(int status, String contentType, String body, String wwwAuthenticate) {}
}
