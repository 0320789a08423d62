package io.fhirnotary.terminology.upload;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.load.ArchivePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * A stand-in server that records what the uploader asks and keeps what it was sent the way HAPI
 * does (a CodeSystem resource per uploaded version, delta parts added to the current version),
 * so tests can check the order of requests and the idempotence rules without a database. Added
 * concepts become known only after {@code lookupsBeforeKnown} lookups, like HAPI's background
 * storage.
 */
final class RecordingTerminologyServer implements TerminologyServer {

	private static final FhirContext R4 = FhirContext.forR4Cached();

	final List<String> calls = new ArrayList<>();
	final List<MetadataResource> sent = new ArrayList<>();
	private final Set<String> storedUrls = new HashSet<>();
	private final Set<String> storedIds = new HashSet<>();
	/** "version|code" pairs the server knows. */
	private final Set<String> known = new HashSet<>();
	private final Map<String, String> currentVersionBySystem = new HashMap<>();
	private final int lookupsBeforeKnown;
	private int unknownAnswers;

	RecordingTerminologyServer(int lookupsBeforeKnown) {
		this.lookupsBeforeKnown = lookupsBeforeKnown;
	}

	void alreadyStores(String url) {
		storedUrls.add(url);
	}

	/** Pretends a release version was partly stored before: resource present, these codes known. */
	void alreadyStoresVersion(String resourceId, String system, String version, String... codes) {
		storedIds.add(resourceId);
		currentVersionBySystem.put(system, version);
		for (String code : codes) {
			known.add(version + "|" + code);
		}
	}

	@Override
	public int uploadExternalCodeSystem(String system, ArchivePart part) {
		calls.add("upload " + system + " " + part.fileName());
		CodeSystem header = header(part);
		storedIds.add(header.getIdElement().getIdPart());
		storedUrls.add(system);
		currentVersionBySystem.put(system, header.getVersion());
		known.add(header.getVersion() + "|" + part.lastCode());
		return part.conceptCount();
	}

	@Override
	public int applyDeltaAdd(String system, ArchivePart part) {
		calls.add("delta-add " + system + " " + part.fileName());
		known.add(currentVersionBySystem.get(system) + "|" + part.lastCode());
		return part.conceptCount();
	}

	@Override
	public boolean exists(String resourceType, String id) {
		calls.add("exists " + resourceType + "/" + id);
		return storedIds.contains(id);
	}

	@Override
	public boolean putByUrl(MetadataResource resource, boolean matchVersion) {
		calls.add("put " + resource.fhirType() + " " + resource.getUrl() + (matchVersion ? " version " + resource.getVersion() : ""));
		sent.add(resource);
		return storedUrls.add(resource.getUrl() + (matchVersion ? "|" + resource.getVersion() : ""));
	}

	@Override
	public boolean createIfAbsent(MetadataResource resource) {
		calls.add("create-if-absent " + resource.fhirType() + " " + resource.getUrl());
		if (storedUrls.contains(resource.getUrl())) {
			return false;
		}
		sent.add(resource);
		return storedUrls.add(resource.getUrl());
	}

	@Override
	public Optional<String> lookupVersion(String system, String version, String code) {
		calls.add("lookup " + code + (version == null ? "" : " in " + version));
		String in = version != null ? version : currentVersionBySystem.get(system);
		if (!known.contains(in + "|" + code)) {
			return Optional.empty();
		}
		if (unknownAnswers < lookupsBeforeKnown) {
			unknownAnswers++;
			return Optional.empty();
		}
		return Optional.of(in);
	}

	private static CodeSystem header(ArchivePart part) {
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(part.zip()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (entry.getName().equals("codesystem.json")) {
					return R4.newJsonParser().parseResource(CodeSystem.class, new String(zip.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		throw new IllegalArgumentException("part " + part.number() + " has no codesystem.json");
	}
}
