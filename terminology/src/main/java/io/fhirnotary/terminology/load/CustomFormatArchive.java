package io.fhirnotary.terminology.load;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * Writes a release in the "custom" format of HAPI's {@code $upload-external-code-system} (read
 * by HAPI's {@code TermLoaderSvcImpl.loadCustom}): a zip with
 * <ul>
 *   <li>{@code codesystem.json}: the CodeSystem resource without concepts ({@code content =
 *       not-present}, HAPI insists), carrying url, version, name and property declarations;</li>
 *   <li>{@code concepts.csv}: {@code CODE,DISPLAY};</li>
 *   <li>{@code properties.csv}: {@code CODE,KEY,VALUE,TYPE}, one row per property value;</li>
 *   <li>{@code hierarchy.csv}: {@code PARENT,CHILD}, only for hierarchical releases.</li>
 * </ul>
 * Every field is quoted, quotes doubled, as HAPI's CSV reader (commons-csv, quote mode
 * NON_NUMERIC) expects.
 *
 * <p>{@link #split} cuts a release into parts that each fit a request size: the first part goes
 * to {@code $upload-external-code-system} (it replaces the stored release), the rest to
 * {@code $apply-codesystem-delta-add}. HAPI requires a child's parent in the same file, so a
 * hierarchical release that needs more than one part is refused.
 */
public final class CustomFormatArchive {

	private final FhirContext fhirContext;

	public CustomFormatArchive(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/**
	 * The release in as few parts as fit {@code maxZipBytes} each, in concept order.
	 *
	 * @throws IllegalArgumentException if one concept alone, or a hierarchical release, does not fit
	 */
	public List<ArchivePart> split(CodeSystemRelease release, long maxZipBytes) {
		List<LoadedConcept> concepts = release.concepts();
		if (concepts.isEmpty()) {
			throw new IllegalArgumentException(release.url() + " has no concepts to load");
		}
		List<byte[]> zips = new ArrayList<>();
		List<int[]> ranges = new ArrayList<>();
		cut(release, 0, concepts.size(), maxZipBytes, zips, ranges);
		if (zips.size() > 1 && release.isHierarchical()) {
			throw new IllegalArgumentException(release.url() + " has a hierarchy and does not fit one request of "
					+ maxZipBytes + " zipped bytes; HAPI needs a hierarchy in one upload, so raise the server's request limit");
		}
		List<ArchivePart> parts = new ArrayList<>(zips.size());
		for (int i = 0; i < zips.size(); i++) {
			int[] range = ranges.get(i);
			parts.add(new ArchivePart(i + 1, zips.size(), zips.get(i), range[1] - range[0], concepts.get(range[1] - 1).code()));
		}
		return parts;
	}

	/** The whole release as one zip, whatever its size. */
	public byte[] write(CodeSystemRelease release) {
		return zip(release, 0, release.concepts().size());
	}

	/** Try the range whole; halve it until each half fits. Keeps concept order. */
	private void cut(CodeSystemRelease release, int from, int to, long maxZipBytes, List<byte[]> zips, List<int[]> ranges) {
		byte[] zip = zip(release, from, to);
		if (zip.length <= maxZipBytes) {
			zips.add(zip);
			ranges.add(new int[] {from, to});
			return;
		}
		if (to - from == 1) {
			throw new IllegalArgumentException("concept " + release.concepts().get(from).code() + " alone needs "
					+ zip.length + " zipped bytes, more than the " + maxZipBytes + " a request may carry");
		}
		int middle = from + (to - from) / 2;
		cut(release, from, middle, maxZipBytes, zips, ranges);
		cut(release, middle, to, maxZipBytes, zips, ranges);
	}

	private byte[] zip(CodeSystemRelease release, int from, int to) {
		List<LoadedConcept> concepts = release.concepts().subList(from, to);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
			if (from == 0) {
				zip.putNextEntry(new ZipEntry("codesystem.json"));
				out.write(fhirContext.newJsonParser().encodeResourceToString(header(release)));
				out.flush();
				zip.closeEntry();
			}
			writeConcepts(zip, out, concepts);
			writeProperties(zip, out, concepts);
			writeHierarchy(zip, out, concepts);
		} catch (IOException e) {
			throw new UncheckedIOException("writing to memory failed", e);
		}
		return bytes.toByteArray();
	}

	/** The CodeSystem resource HAPI stores next to the concepts. */
	CodeSystem header(CodeSystemRelease release) {
		CodeSystem header = new CodeSystem();
		// an id of its own per version: HAPI then stores this version beside earlier ones
		header.setId(release.resourceId());
		header.setUrl(release.url());
		header.setVersion(release.version());
		header.setName(release.name());
		header.setTitle(release.title());
		header.setStatus(PublicationStatus.ACTIVE);
		header.setContent(CodeSystemContentMode.NOTPRESENT);
		for (PropertyDeclaration property : release.properties()) {
			header.addProperty().setCode(property.code()).setDescription(property.description()).setType(PropertyType.STRING);
		}
		return header;
	}

	private static void writeConcepts(ZipOutputStream zip, Writer out, List<LoadedConcept> concepts) throws IOException {
		zip.putNextEntry(new ZipEntry("concepts.csv"));
		row(out, "CODE", "DISPLAY");
		for (LoadedConcept concept : concepts) {
			row(out, concept.code(), concept.display() == null ? "" : concept.display());
		}
		out.flush();
		zip.closeEntry();
	}

	private static void writeProperties(ZipOutputStream zip, Writer out, List<LoadedConcept> concepts) throws IOException {
		if (concepts.stream().allMatch(concept -> concept.properties().isEmpty())) {
			return;
		}
		zip.putNextEntry(new ZipEntry("properties.csv"));
		row(out, "CODE", "KEY", "VALUE", "TYPE");
		for (LoadedConcept concept : concepts) {
			for (ConceptProperty property : concept.properties()) {
				row(out, concept.code(), property.code(), property.value(), "STRING");
			}
		}
		out.flush();
		zip.closeEntry();
	}

	private static void writeHierarchy(ZipOutputStream zip, Writer out, List<LoadedConcept> concepts) throws IOException {
		if (concepts.stream().allMatch(concept -> concept.parentCodes().isEmpty())) {
			return;
		}
		Set<String> inThisPart = new HashSet<>();
		concepts.forEach(concept -> inThisPart.add(concept.code()));
		zip.putNextEntry(new ZipEntry("hierarchy.csv"));
		row(out, "PARENT", "CHILD");
		for (LoadedConcept concept : concepts) {
			for (String parent : concept.parentCodes()) {
				if (inThisPart.contains(parent)) {
					row(out, parent, concept.code());
				}
			}
		}
		out.flush();
		zip.closeEntry();
	}

	private static void row(Writer out, String... fields) throws IOException {
		for (int i = 0; i < fields.length; i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write('"');
			// RRF and FHIR displays are single-line; a stray line break would end the CSV record
			out.write(fields[i].replace('\r', ' ').replace('\n', ' ').replace("\"", "\"\""));
			out.write('"');
		}
		out.write('\n');
	}
}
