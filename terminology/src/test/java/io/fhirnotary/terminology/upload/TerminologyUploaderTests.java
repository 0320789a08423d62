package io.fhirnotary.terminology.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.fhirnotary.terminology.TerminologyUrls;
import io.fhirnotary.terminology.bundled.BundledTerminology;
import io.fhirnotary.terminology.load.ArchivePart;
import io.fhirnotary.terminology.load.CodeSystemRelease;
import io.fhirnotary.terminology.load.ConceptProperty;
import io.fhirnotary.terminology.load.CustomFormatArchive;
import io.fhirnotary.terminology.load.LoadedConcept;
import io.fhirnotary.terminology.load.TerminologyResources;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class TerminologyUploaderTests {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private final List<String> progress = new ArrayList<>();

	@Test
	void aReleaseThatFitsIsOneUploadIntoAResourceOfItsOwnThenConfirmedByLookup() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);

		UploadResult result = uploader(server, 10 * 1024 * 1024).uploadRelease(release("1", 100));

		assertThat(server.calls).containsExactly(
				"exists CodeSystem/example-1", "upload http://example.org/cs part-1-of-1.zip", "lookup c99 in 1");
		assertThat(result.concepts()).isEqualTo(100);
		assertThat(result.action()).isEqualTo("stored as CodeSystem/example-1, the current version");
	}

	@Test
	void aReleaseOverTheLimitIsAnUploadOfTheFirstPartAndDeltaAddsOfTheRest() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);

		uploader(server, 60_000).uploadRelease(release("1", 30_000));

		List<String> sends = server.calls.stream().filter(call -> call.startsWith("upload") || call.startsWith("delta")).toList();
		assertThat(sends).hasSizeGreaterThan(1);
		assertThat(sends.get(0)).startsWith("upload http://example.org/cs part-1-of-");
		assertThat(sends.subList(1, sends.size())).allSatisfy(call -> assertThat(call).startsWith("delta-add "));
		assertThat(server.calls).last().isEqualTo("lookup c29999 in 1");
	}

	@Test
	void waitsUntilTheServerHasStoredEveryPart() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(3);

		uploader(server, 10 * 1024 * 1024).uploadRelease(release("1", 10));

		assertThat(server.calls).containsExactly("exists CodeSystem/example-1", "upload http://example.org/cs part-1-of-1.zip",
				"lookup c9 in 1", "lookup c9 in 1", "lookup c9 in 1", "lookup c9 in 1");
		assertThat(progress).anySatisfy(line -> assertThat(line).contains("waiting until the server's $lookup finds part 1"));
	}

	@Test
	void givesUpWhenTheServerNeverKnowsTheCodes() {
		RecordingTerminologyServer server = new RecordingTerminologyServer(Integer.MAX_VALUE);
		TerminologyUploader impatient =
				new TerminologyUploader(server, R4, 10 * 1024 * 1024, Duration.ofMillis(30), Duration.ofMillis(5), Duration.ZERO, progress::add);

		assertThatThrownBy(() -> impatient.uploadRelease(release("1", 10)))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("still does not know code c9")
				.hasMessageContaining("load again");
	}

	@Test
	void loadingAStoredVersionAgainSendsNothing() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		TerminologyUploader uploader = uploader(server, 10 * 1024 * 1024);
		uploader.uploadRelease(release("1", 100));
		server.calls.clear();

		UploadResult again = uploader.uploadRelease(release("1", 100));

		assertThat(server.calls).containsExactly("exists CodeSystem/example-1", "lookup c99 in 1");
		assertThat(again.action()).isEqualTo("already stored as CodeSystem/example-1; nothing sent");
	}

	@Test
	void aNewVersionGoesIntoANewResourceBesideTheOld() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		TerminologyUploader uploader = uploader(server, 10 * 1024 * 1024);
		uploader.uploadRelease(release("1", 100));
		server.calls.clear();

		uploader.uploadRelease(release("2", 100));

		assertThat(server.calls).containsExactly(
				"exists CodeSystem/example-2", "upload http://example.org/cs part-1-of-1.zip", "lookup c99 in 2");
	}

	@Test
	void anInterruptedLoadIsCompletedBySendingOnlyTheMissingParts() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		CodeSystemRelease release = release("1", 30_000);
		List<ArchivePart> parts = new CustomFormatArchive(R4).split(release, uploader(server, 60_000).maxZipBytes());
		assertThat(parts).hasSizeGreaterThan(2);
		// the first two parts made it, the rest did not
		server.alreadyStoresVersion("example-1", release.url(), "1", parts.get(0).lastCode(), parts.get(1).lastCode());

		UploadResult result = uploader(server, 60_000).uploadRelease(release);

		List<String> sends = server.calls.stream().filter(call -> call.startsWith("upload") || call.startsWith("delta")).toList();
		assertThat(sends).hasSize(parts.size() - 2).allSatisfy(call -> assertThat(call).startsWith("delta-add "));
		assertThat(sends.get(0)).endsWith("part-3-of-" + parts.size() + ".zip");
		assertThat(result.action()).isEqualTo("completed CodeSystem/example-1");
	}

	@Test
	void anInterruptedLoadOfAVersionThatIsNoLongerCurrentIsRefused() {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		CodeSystemRelease release = release("1", 30_000);
		List<ArchivePart> parts = new CustomFormatArchive(R4).split(release, uploader(server, 60_000).maxZipBytes());
		server.alreadyStoresVersion("example-1", release.url(), "1", parts.get(0).lastCode());
		server.alreadyStoresVersion("example-2", release.url(), "2", parts.get(0).lastCode());

		assertThatThrownBy(() -> uploader(server, 60_000).uploadRelease(release))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("version 2 is current")
				.hasMessageContaining("delete CodeSystem/example-1");
	}

	@Test
	void aStoredResourceWithoutTheFirstPartIsRefused() {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		server.alreadyStoresVersion("example-1", "http://example.org/cs", "1");

		assertThatThrownBy(() -> uploader(server, 10 * 1024 * 1024).uploadRelease(release("1", 10)))
				.isInstanceOf(IOException.class)
				.hasMessageContaining("holds none of this release's first part");
	}

	@Test
	void resourcesArePutByUrlCodeSystemsFirst() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs");
		CodeSystem codeSystem = codeSystem("http://example.org/small", 3);

		List<UploadResult> results = uploader(server, 10 * 1024 * 1024)
				.uploadResources(new TerminologyResources(List.of(codeSystem), List.of(valueSet)));

		assertThat(server.calls).containsExactly("put CodeSystem http://example.org/small version 1", "put ValueSet http://example.org/vs");
		assertThat(results).extracting(UploadResult::action).containsExactly("created", "created");
		assertThat(results.get(0).concepts()).isEqualTo(3);
	}

	@Test
	void loadingTheSameResourcesAgainReplacesThem() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		TerminologyResources resources = new TerminologyResources(List.of(codeSystem("http://example.org/small", 3)), List.of());
		TerminologyUploader uploader = uploader(server, 10 * 1024 * 1024);

		uploader.uploadResources(resources);
		List<UploadResult> again = uploader.uploadResources(resources);

		assertThat(again).extracting(UploadResult::action).containsExactly("replaced");
	}

	@Test
	void aCodeSystemTooBigForOneRequestGoesThroughTheUploadFormat() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);

		uploader(server, 200_000).uploadResources(
				new TerminologyResources(List.of(codeSystem("http://example.org/big", 10_000)), List.of()));

		assertThat(server.calls.get(0)).isEqualTo("exists CodeSystem/big-1");
		assertThat(server.calls.get(1)).startsWith("upload http://example.org/big part-1-of-");
		assertThat(progress).anySatisfy(line -> assertThat(line).contains("over the request limit"));
	}

	@Test
	void seedingNeverReplacesAStoredRxNormButRefreshesOurOwnResources() throws IOException {
		RecordingTerminologyServer server = new RecordingTerminologyServer(0);
		server.alreadyStores(TerminologyUrls.RXNORM);

		List<UploadResult> results = uploader(server, 10 * 1024 * 1024).seedBundled(BundledTerminology.load(R4));

		assertThat(server.calls.get(0)).isEqualTo("create-if-absent CodeSystem " + TerminologyUrls.RXNORM);
		assertThat(results.get(0).action()).startsWith("left alone");
		assertThat(server.calls.subList(1, server.calls.size()))
				.allSatisfy(call -> assertThat(call).startsWith("put "))
				.contains("put CodeSystem " + TerminologyUrls.DEA_SCHEDULE_CODE_SYSTEM + " version 1",
						"put ValueSet " + TerminologyUrls.CONTROLLED_SUBSTANCES_VALUE_SET);
		assertThat(results).hasSize(7);
	}

	private TerminologyUploader uploader(TerminologyServer server, long maxRequestBytes) {
		return new TerminologyUploader(server, R4, maxRequestBytes, Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ZERO, progress::add);
	}

	private static CodeSystemRelease release(String version, int concepts) {
		List<LoadedConcept> list = new ArrayList<>();
		for (int i = 0; i < concepts; i++) {
			list.add(new LoadedConcept("c" + i, "concept number " + i + " of " + Integer.toOctalString(i * 7919),
					List.of(new ConceptProperty("tty", "SCD"))));
		}
		return new CodeSystemRelease("http://example.org/cs", version, "example", "Example", "Example", List.of(), list);
	}

	private static CodeSystem codeSystem(String url, int concepts) {
		CodeSystem codeSystem = new CodeSystem().setUrl(url).setVersion("1");
		codeSystem.setStatus(PublicationStatus.ACTIVE);
		codeSystem.setContent(CodeSystemContentMode.COMPLETE);
		for (int i = 0; i < concepts; i++) {
			codeSystem.addConcept().setCode("k" + i).setDisplay("concept " + i + " " + Integer.toHexString(i * 7919));
		}
		return codeSystem;
	}
}
