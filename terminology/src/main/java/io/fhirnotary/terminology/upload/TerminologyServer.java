package io.fhirnotary.terminology.upload;

import io.fhirnotary.terminology.load.ArchivePart;
import java.io.IOException;
import java.util.Optional;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * The requests the loader makes of a FHIR server with HAPI's JPA terminology service, which
 * exposes {@code $upload-external-code-system} and {@code $apply-codesystem-delta-add}
 * (HAPI's TerminologyUploaderProvider) and CodeSystem {@code $lookup}.
 */
public interface TerminologyServer {

	/**
	 * {@code POST [base]/CodeSystem/$upload-external-code-system}: stores the part as a code system
	 * version under the resource id in its {@code codesystem.json}, and makes it current.
	 *
	 * @return the number of concepts the server reports
	 */
	int uploadExternalCodeSystem(String system, ArchivePart part) throws IOException;

	/**
	 * {@code POST [base]/CodeSystem/$apply-codesystem-delta-add}: adds the part's concepts to the
	 * current version. Beyond a first few concepts HAPI stores them in the background.
	 *
	 * @return the number of concepts the server reports
	 */
	int applyDeltaAdd(String system, ArchivePart part) throws IOException;

	/** {@code GET [base]/[type]/[id]}: whether a resource with this id is stored (and not deleted). */
	boolean exists(String resourceType, String id) throws IOException;

	/**
	 * {@code PUT [base]/[type]?url=[url]} (and {@code &version=[version]} when {@code matchVersion}):
	 * creates the resource, or replaces the one stored under the same url (and version). The
	 * resource's own id is not sent.
	 *
	 * @return true if the server created it, false if it replaced an existing one
	 */
	boolean putByUrl(MetadataResource resource, boolean matchVersion) throws IOException;

	/**
	 * {@code POST [base]/[type]} with {@code If-None-Exist: url=[url]}: creates the resource only
	 * when none with its url is stored.
	 *
	 * @return true if the server created it, false if one existed already
	 */
	boolean createIfAbsent(MetadataResource resource) throws IOException;

	/**
	 * {@code GET [base]/CodeSystem/$lookup}: the version of {@code system} in which the server
	 * finds {@code code}, or empty when it does not know the code (yet).
	 *
	 * @param version the version to look in, or null for the current one
	 */
	Optional<String> lookupVersion(String system, String version, String code) throws IOException;
}
