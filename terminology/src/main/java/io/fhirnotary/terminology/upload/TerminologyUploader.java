package io.fhirnotary.terminology.upload;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.bundled.BundledTerminology;
import io.fhirnotary.terminology.load.ArchivePart;
import io.fhirnotary.terminology.load.CodeSystemRelease;
import io.fhirnotary.terminology.load.CodeSystemReleases;
import io.fhirnotary.terminology.load.CustomFormatArchive;
import io.fhirnotary.terminology.load.TerminologyResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Sends code systems and value sets to a server so that its own HAPI terminology service stores
 * them, in a way that can be repeated.
 *
 * <ul>
 *   <li>A release ({@link CodeSystemRelease}, e.g. RxNorm from RRF) goes through
 *       {@code $upload-external-code-system} in HAPI's custom format, as a CodeSystem resource of
 *       its own per version ({@link CodeSystemRelease#resourceId()}), which HAPI makes the current
 *       version. Earlier versions stay beside it and remain reachable with an explicit version.
 *       (Uploading into an existing CodeSystem resource loses the concepts in HAPI 8.8.0, seen on
 *       the real server; see docs/TERMINOLOGY.md.) Loading a version that is stored already sends
 *       nothing, or, when an earlier load of it was cut short, only the parts that are missing.</li>
 *   <li>When the release does not fit one request the first part is uploaded that way and the
 *       rest added with {@code $apply-codesystem-delta-add}.</li>
 *   <li>CodeSystem resources are PUT by url and version (conditional update), ValueSets by url:
 *       created the first time, replaced after. A CodeSystem too big for one request is sent as
 *       a release.</li>
 *   <li>The bundled content is seeded the same way, except the RxNorm subset, which is only
 *       created when no RxNorm code system is stored, so it never shadows a loaded release.</li>
 * </ul>
 * After uploading a release, the last code of every part is looked up in that version until the
 * server knows it, because HAPI stores added concepts in the background.
 */
public final class TerminologyUploader {

	/** Room left in a request for the Parameters resource around the base64 zip. */
	static final long ENVELOPE_BYTES = 4096;

	private final TerminologyServer server;
	private final FhirContext fhirContext;
	private final long maxRequestBytes;
	private final Duration verifyTimeout;
	private final Duration pollInterval;
	private final Duration deltaGrace;
	private final Consumer<String> progress;

	/**
	 * @param maxRequestBytes the server's request body limit
	 * @param verifyTimeout how long to wait for the server to finish storing a release
	 * @param pollInterval how often to ask meanwhile
	 * @param deltaGrace how long to let HAPI's background storage (a job every 5 s) catch up after
	 *     added parts before the first look-up: HAPI caches a "not found" for up to 10 minutes, so
	 *     asking too early makes the loader wait that long
	 * @param progress receives one line per step
	 */
	public TerminologyUploader(
			TerminologyServer server,
			FhirContext fhirContext,
			long maxRequestBytes,
			Duration verifyTimeout,
			Duration pollInterval,
			Duration deltaGrace,
			Consumer<String> progress) {
		this.server = Objects.requireNonNull(server, "server");
		this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
		if (maxRequestBytes <= ENVELOPE_BYTES) {
			throw new IllegalArgumentException("a request limit of " + maxRequestBytes + " bytes leaves no room for content");
		}
		this.maxRequestBytes = maxRequestBytes;
		this.verifyTimeout = verifyTimeout;
		this.pollInterval = pollInterval;
		this.deltaGrace = deltaGrace;
		this.progress = progress;
	}

	/** The largest zip whose base64 form, wrapped in Parameters, stays within the request limit. */
	long maxZipBytes() {
		return (maxRequestBytes - ENVELOPE_BYTES) / 4 * 3;
	}

	public UploadResult uploadRelease(CodeSystemRelease release) throws IOException {
		List<ArchivePart> parts = new CustomFormatArchive(fhirContext).split(release, maxZipBytes());
		String resource = "CodeSystem/" + release.resourceId();
		progress.accept(String.format("%s|%s: %,d concepts in %d request%s, stored as %s", release.url(), release.version(),
				release.concepts().size(), parts.size(), parts.size() == 1 ? "" : "s", resource));
		List<ArchivePart> toSend = parts;
		if (server.exists("CodeSystem", release.resourceId())) {
			toSend = missingParts(release, parts);
			if (toSend.isEmpty()) {
				return report("CodeSystem", release.url(), release.version(), "already stored as " + resource + "; nothing sent",
						release.concepts().size());
			}
			resumeCheck(release, parts, toSend);
		}
		for (ArchivePart part : toSend) {
			int stored;
			if (part.isFirst()) {
				stored = server.uploadExternalCodeSystem(release.url(), part);
			} else {
				stored = server.applyDeltaAdd(release.url(), part);
			}
			progress.accept(String.format("  part %d/%d (%,d bytes zipped, %,d concepts) %s; server reports %,d",
					part.number(), part.of(), part.zip().length, part.conceptCount(),
					part.isFirst() ? "uploaded as a new current version" : "added", stored));
		}
		if (toSend.stream().anyMatch(part -> !part.isFirst())) {
			sleep(deltaGrace);
		}
		for (ArchivePart part : toSend) {
			awaitStored(release, part);
		}
		return report("CodeSystem", release.url(), release.version(),
				toSend.size() == parts.size() ? "stored as " + resource + ", the current version" : "completed " + resource,
				release.concepts().size());
	}

	/** The parts of a stored version whose last code the server does not know. */
	private List<ArchivePart> missingParts(CodeSystemRelease release, List<ArchivePart> parts) throws IOException {
		List<ArchivePart> missing = new ArrayList<>();
		for (ArchivePart part : parts) {
			if (server.lookupVersion(release.url(), release.version(), part.lastCode()).isEmpty()) {
				missing.add(part);
			}
		}
		return missing;
	}

	/**
	 * Only the parts after the first can be added again, and only to the current version (that is
	 * where HAPI adds them); anything else needs the stored copy removed first.
	 */
	private void resumeCheck(CodeSystemRelease release, List<ArchivePart> parts, List<ArchivePart> missing) throws IOException {
		String resource = "CodeSystem/" + release.resourceId();
		if (missing.get(0).isFirst()) {
			throw new IOException(resource + " is stored but holds none of this release's first part; delete it"
					+ " (DELETE [base]/" + resource + ", then $expunge) and load again");
		}
		String current = server.lookupVersion(release.url(), null, parts.get(0).lastCode()).orElse(null);
		if (!release.version().equals(current)) {
			throw new IOException(resource + " is stored incompletely and version " + current + " is current now;"
					+ " HAPI adds concepts only to the current version, so delete " + resource + " and load again");
		}
		progress.accept("  " + resource + " is stored incompletely: sending the " + missing.size() + " missing part(s)");
	}

	/** Code systems first (value sets may draw on them), each in file order. */
	public List<UploadResult> uploadResources(TerminologyResources resources) throws IOException {
		List<UploadResult> results = new ArrayList<>();
		for (CodeSystem codeSystem : resources.codeSystems()) {
			results.add(uploadCodeSystem(codeSystem));
		}
		for (ValueSet valueSet : resources.valueSets()) {
			boolean created = server.putByUrl(valueSet, false);
			results.add(report("ValueSet", valueSet.getUrl(), valueSet.getVersion(), created ? "created" : "replaced", -1));
		}
		return results;
	}

	public List<UploadResult> seedBundled(BundledTerminology bundled) throws IOException {
		List<UploadResult> results = new ArrayList<>();
		CodeSystem subset = bundled.rxNormSubset();
		boolean created = server.createIfAbsent(subset);
		results.add(report("CodeSystem", subset.getUrl(), subset.getVersion(),
				created ? "created" : "left alone: an RxNorm code system is stored already", subset.getConcept().size()));
		CodeSystem schedules = bundled.deaSchedules();
		results.add(report("CodeSystem", schedules.getUrl(), schedules.getVersion(),
				server.putByUrl(schedules, true) ? "created" : "replaced", schedules.getConcept().size()));
		for (ValueSet valueSet : bundled.valueSets()) {
			results.add(report("ValueSet", valueSet.getUrl(), valueSet.getVersion(),
					server.putByUrl(valueSet, false) ? "created" : "replaced", -1));
		}
		return results;
	}

	private UploadResult uploadCodeSystem(CodeSystem codeSystem) throws IOException {
		long size = fhirContext.newJsonParser().encodeResourceToString(codeSystem).getBytes(StandardCharsets.UTF_8).length;
		if (size <= maxRequestBytes) {
			boolean created = server.putByUrl(codeSystem, true);
			return report("CodeSystem", codeSystem.getUrl(), codeSystem.getVersion(), created ? "created" : "replaced",
					countConcepts(codeSystem.getConcept()));
		}
		CodeSystemContentMode content = codeSystem.getContent();
		if (content != null && content != CodeSystemContentMode.COMPLETE && content != CodeSystemContentMode.NULL) {
			throw new IOException(codeSystem.getUrl() + " is " + size + " bytes, over the request limit, and its content is "
					+ content.toCode() + "; only complete code systems can be sent in parts");
		}
		progress.accept(String.format("%s is %,d bytes, over the request limit: sending its concepts in HAPI's upload format"
				+ " (designations and property types are not kept)", codeSystem.getUrl(), size));
		return uploadRelease(CodeSystemReleases.fromCodeSystem(codeSystem));
	}

	private void awaitStored(CodeSystemRelease release, ArchivePart part) throws IOException {
		long deadline = System.nanoTime() + verifyTimeout.toNanos();
		boolean announced = false;
		while (server.lookupVersion(release.url(), release.version(), part.lastCode()).isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new IOException("after " + verifyTimeout.toSeconds() + " s the server still does not know code "
						+ part.lastCode() + " of part " + part.number() + "; load again to send what is missing");
			}
			if (!announced) {
				progress.accept("  waiting until the server's $lookup finds part " + part.number() + " (HAPI stores added"
						+ " concepts in the background and may cache a \"not found\" for up to 10 minutes) ...");
				announced = true;
			}
			sleep(pollInterval);
		}
	}

	private UploadResult report(String type, String url, String version, String action, long concepts) {
		UploadResult result = new UploadResult(type, url, version, action, concepts);
		progress.accept(result.toString());
		return result;
	}

	private static long countConcepts(List<CodeSystem.ConceptDefinitionComponent> concepts) {
		long count = concepts.size();
		for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
			count += countConcepts(concept.getConcept());
		}
		return count;
	}

	private static void sleep(Duration duration) throws IOException {
		try {
			Thread.sleep(duration.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for the server", e);
		}
	}
}
