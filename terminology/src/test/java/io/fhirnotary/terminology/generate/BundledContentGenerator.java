package io.fhirnotary.terminology.generate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.fhirnotary.terminology.medication.ControlledSubstanceClassifier;
import io.fhirnotary.terminology.medication.DeaSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;

/**
 * Regenerates the bundled code systems and value sets from a Synthea jar.
 *
 * <pre>mvn -B -pl terminology -Pregenerate-bundled process-test-classes</pre>
 *
 * runs {@link #main} with the jar Maven copied to {@code terminology/target/synthea/} and the
 * resource folder as arguments. {@code BundledContentIsUpToDateTests} runs {@link #generate} on
 * every build and fails when the committed files differ from what the jar gives.
 */
public final class BundledContentGenerator {

	private BundledContentGenerator() {}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: BundledContentGenerator SYNTHEA_JAR OUTPUT_FOLDER");
			System.exit(2);
		}
		Path jar = Path.of(args[0]);
		Path folder = Path.of(args[1]);
		Files.createDirectories(folder);
		Map<String, String> files = generate(jar, FhirContext.forR4Cached());
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
			System.out.println("wrote " + folder.resolve(file.getKey()));
		}
	}

	/** File name to file content (pretty JSON with a final newline), in a stable order. */
	static Map<String, String> generate(Path syntheaJar, FhirContext context) throws IOException {
		SortedMap<String, SyntheaRxNormUsage.Usage> usages =
				SpecExampleRxNormUsage.merge(SyntheaRxNormUsage.scan(syntheaJar), SpecExampleRxNormUsage.read());
		CodeSystem subset = new RxNormSubsetBuilder(ControlledSubstanceClassifier.bundled()).build(usages);
		DeaContentBuilder dea = new DeaContentBuilder();

		Map<String, String> files = new LinkedHashMap<>();
		IParser json = context.newJsonParser().setPrettyPrint(true);
		put(files, json, "CodeSystem-" + RxNormSubsetBuilder.ID + ".json", subset);
		put(files, json, "CodeSystem-" + DeaContentBuilder.DEA_CODE_SYSTEM_ID + ".json", dea.deaScheduleCodeSystem());
		for (DeaSchedule schedule : DeaSchedule.values()) {
			put(files, json, "ValueSet-" + schedule.valueSetName() + ".json", dea.scheduleValueSet(subset, schedule));
		}
		put(files, json, "ValueSet-" + DeaContentBuilder.CONTROLLED_SUBSTANCES_ID + ".json",
				dea.controlledSubstancesValueSet(subset));
		return files;
	}

	private static void put(Map<String, String> files, IParser json, String name, Resource resource) {
		files.put(name, json.encodeResourceToString(resource) + "\n");
	}
}
