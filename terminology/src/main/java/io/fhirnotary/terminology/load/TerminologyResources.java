package io.fhirnotary.terminology.load;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * CodeSystem and ValueSet resources read from a user's files, each list in file order.
 *
 * @param codeSystems the code systems
 * @param valueSets the value sets
 */
public record TerminologyResources(List<CodeSystem> codeSystems, List<ValueSet> valueSets) {

	public TerminologyResources {
		codeSystems = List.copyOf(codeSystems);
		valueSets = List.copyOf(valueSets);
	}

	public boolean isEmpty() {
		return codeSystems.isEmpty() && valueSets.isEmpty();
	}
}
