package io.fhirnotary.server.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * Dev-profile signing keys as private JWK files in the data folder, created on first use with
 * owner-only permissions (0600). They are dev fixtures: generated per installation, never in the
 * repository, and the whole mechanism exists only in the dev profile.
 */
public final class DevKeyFiles {

	private DevKeyFiles() {}

	/** The folder under the data directory where the dev issuer and demo client keys live. */
	public static Path folder(Path dataDir) {
		return dataDir.resolve("dev-auth");
	}

	public static Path clientKeyFile(Path dataDir, String clientId) {
		if (!clientId.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException("Client ids may use letters, digits, '.', '_' and '-' only");
		}
		return folder(dataDir).resolve("clients").resolve(clientId + ".jwk");
	}

	/** Reads the EC P-256 key in {@code file}, creating it first when it does not exist yet. */
	public static ECKey loadOrCreate(Path file, String keyId) {
		try {
			if (!Files.exists(file)) {
				create(file, keyId);
			}
			return read(file);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the dev key " + file, e);
		}
	}

	public static ECKey read(Path file) throws IOException {
		try {
			return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
		} catch (ParseException e) {
			throw new IOException("Not an EC private key in JWK form: " + file, e);
		}
	}

	private static void create(Path file, String keyId) throws IOException {
		Files.createDirectories(file.getParent());
		ECKey key;
		try {
			key = new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		} catch (JOSEException e) {
			throw new IllegalStateException("EC P-256 key generation is unavailable", e);
		}
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		} catch (FileAlreadyExistsException raced) {
			return;
		} catch (UnsupportedOperationException notPosix) {
			Files.createFile(file);
		}
		Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
	}
}
