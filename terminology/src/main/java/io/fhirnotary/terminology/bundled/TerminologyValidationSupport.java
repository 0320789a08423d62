package io.fhirnotary.terminology.bundled;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;

/**
 * Builds the validation support chain for writes: whatever the caller puts in front, then the
 * bundled terminology, then HAPI's defaults.
 *
 * <p>Order, first answer wins:
 * <ol>
 *   <li>{@code inFront}: e.g. the server's JPA validation support, so code systems and value sets
 *       loaded into the database (a full RxNorm release) answer before the bundled subset;</li>
 *   <li>{@link BundledTerminologySupport}: RxNorm subset, DEA schedules and their value sets;</li>
 *   <li>{@link DefaultProfileValidationSupport}: FHIR R4 core profiles, code systems and value sets,
 *       among them consent scope/category/action and v3 ActReason (TREAT, ETREAT, HPAYMT, ...);</li>
 *   <li>{@link CommonCodeSystemsTerminologyService}: UCUM units, languages, MIME types, countries;</li>
 *   <li>{@link InMemoryTerminologyServerValidationSupport}: validates codes and expands value sets
 *       against any code system the chain can fetch;</li>
 *   <li>{@link SnapshotGeneratingValidationSupport}: snapshots for profiles that lack one.</li>
 * </ol>
 * The result can back a {@code FhirInstanceValidator} and a {@link
 * io.fhirnotary.terminology.valueset.ValidationSupportMembership}.
 */
public final class TerminologyValidationSupport {

	private TerminologyValidationSupport() {}

	/** The chain with nothing in front of the bundled content (tests, tools without a database). */
	public static ValidationSupportChain newChain(FhirContext fhirContext, BundledTerminology content) {
		return newChain(fhirContext, content, List.of());
	}

	/**
	 * The chain with {@code inFront} consulted first, in the order given.
	 *
	 * @param fhirContext the application's R4 context
	 * @param content the bundled terminology, loaded once by the caller
	 * @param inFront supports asked before ours, e.g. HAPI's JPA validation support
	 */
	public static ValidationSupportChain newChain(
			FhirContext fhirContext, BundledTerminology content, List<IValidationSupport> inFront) {
		List<IValidationSupport> supports = new ArrayList<>(inFront);
		supports.add(new BundledTerminologySupport(fhirContext, content));
		supports.add(new DefaultProfileValidationSupport(fhirContext));
		supports.add(new CommonCodeSystemsTerminologyService(fhirContext));
		supports.add(new InMemoryTerminologyServerValidationSupport(fhirContext));
		supports.add(new SnapshotGeneratingValidationSupport(fhirContext));
		return new ValidationSupportChain(supports);
	}
}
