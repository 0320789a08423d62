package io.fhirnotary.terminology.bundled;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;

/**
 * The bundled code systems and value sets as a HAPI validation support.
 *
 * <p>It only serves the resources ({@code fetchCodeSystem}, {@code fetchValueSet}); validating
 * codes against them and expanding them is done by HAPI's in-memory terminology support further
 * down the chain, which fetches through the chain's root. Its own type lets a server find and
 * place it in a chain it assembles itself.
 */
public final class BundledTerminologySupport extends PrePopulatedValidationSupport {

	public BundledTerminologySupport(FhirContext fhirContext, BundledTerminology content) {
		super(fhirContext);
		content.codeSystems().forEach(this::addCodeSystem);
		content.valueSets().forEach(this::addValueSet);
	}

	@Override
	public String getName() {
		return "fhir-notary bundled terminology";
	}
}
