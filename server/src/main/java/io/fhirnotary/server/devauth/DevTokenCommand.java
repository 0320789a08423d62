package io.fhirnotary.server.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prints an access token for one demo client of a server running in the dev profile, the way a
 * SMART backend service gets one: signs a client assertion with the client's key from the data
 * folder and posts it to {@code /oauth/token}. Run through {@code scripts/dev-token}.
 *
 * <pre>dev-token --client demo-pharmacy-1 [--server http://localhost:8080] [--data-dir ./data]
 *           [--purpose ETREAT] [--scope "user/MedicationRequest.rs"]</pre>
 */
public final class DevTokenCommand {

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private DevTokenCommand() {}

	public static void main(String[] args) {
		Map<String, String> options = parse(args);
		if (options == null || !options.containsKey("client")) {
			System.err.println("usage: dev-token --client ID [--server URL] [--data-dir DIR] [--purpose CODE] [--scope SCOPES]");
			System.exit(2);
			return;
		}
		try {
			System.out.println(token(
					options.getOrDefault("server", "http://localhost:8080"),
					Path.of(options.getOrDefault("data-dir", "./data")),
					options.get("client"),
					options.get("purpose"),
					options.get("scope")));
		} catch (IOException | IllegalStateException e) {
			System.err.println("dev-token: " + e.getMessage());
			System.exit(1);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			System.exit(1);
		}
	}

	/** Gets a token for {@code clientId} from the server at {@code serverRoot} (no {@code /fhir}). */
	public static String token(String serverRoot, Path dataDir, String clientId, String purpose, String scope)
			throws IOException, InterruptedException {
		String root = serverRoot.endsWith("/") ? serverRoot.substring(0, serverRoot.length() - 1) : serverRoot;
		Path keyFile = DevKeyFiles.clientKeyFile(dataDir, clientId);
		if (!Files.exists(keyFile)) {
			throw new IllegalStateException("no key for client " + clientId + " at " + keyFile
					+ " (is the server running in the dev profile with this data folder?)");
		}
		String tokenEndpoint = root + DevTokenController.TOKEN_PATH;
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_assertion_type", DevTokenIssuer.ASSERTION_TYPE);
		form.put("client_assertion", assertion(DevKeyFiles.read(keyFile), clientId, tokenEndpoint));
		if (scope != null) {
			form.put("scope", scope);
		}
		if (purpose != null) {
			form.put("purpose_of_use", purpose);
		}
		String body = form.entrySet().stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(tokenEndpoint))
						.timeout(Duration.ofSeconds(30))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = ACCESS_TOKEN.matcher(response.body());
		if (response.statusCode() != 200 || !token.find()) {
			throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
		}
		return token.group(1);
	}

	static String assertion(ECKey clientKey, String clientId, String tokenEndpoint) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(clientId)
				.subject(clientId)
				.audience(tokenEndpoint)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
				.jwtID(UUID.randomUUID().toString())
				.build();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(clientKey.getKeyID()).build(), claims);
			jwt.sign(new ECDSASigner(clientKey));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException("cannot sign the client assertion", e);
		}
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				return null;
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}
}
