package io.fhirnotary.terminology.valueset;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;

/**
 * Membership over value sets whose compose lists every code ({@code include.system} +
 * {@code include.concept}), answered from memory without a terminology service.
 *
 * <p>Value sets that select codes any other way (filters, whole systems, other value sets,
 * excludes) are refused when the instance is built: answering "no" for them would be silently
 * wrong, and a rule that never fires is worse than one that cannot be loaded.
 */
public final class EnumeratedValueSetMembership implements ValueSetMembership {

	private final Map<String, Set<String>> codingsByValueSet;

	public EnumeratedValueSetMembership(Collection<ValueSet> valueSets) {
		Map<String, Set<String>> index = new HashMap<>();
		for (ValueSet valueSet : valueSets) {
			index.put(valueSet.getUrl(), codingsOf(valueSet));
		}
		this.codingsByValueSet = Map.copyOf(index);
	}

	@Override
	public boolean contains(String valueSetUrl, String system, String code) {
		Set<String> codings = codingsByValueSet.get(valueSetUrl);
		return codings != null && system != null && code != null && codings.contains(key(system, code));
	}

	private static Set<String> codingsOf(ValueSet valueSet) {
		if (!valueSet.hasUrl()) {
			throw new IllegalArgumentException("a value set without a url cannot be referred to");
		}
		if (valueSet.getCompose().hasExclude()) {
			throw new IllegalArgumentException(valueSet.getUrl() + " uses compose.exclude; only enumerated value sets are supported");
		}
		Set<String> codings = new HashSet<>();
		for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
			if (!include.hasSystem() || !include.hasConcept() || include.hasFilter() || include.hasValueSet()) {
				throw new IllegalArgumentException(valueSet.getUrl()
						+ " selects codes by filter, whole system or other value set; only enumerated value sets are supported");
			}
			for (ConceptReferenceComponent concept : include.getConcept()) {
				codings.add(key(include.getSystem(), concept.getCode()));
			}
		}
		return Set.copyOf(codings);
	}

	/** System and code joined by a character that cannot occur in a URI. */
	private static String key(String system, String code) {
		return system + ' ' + code;
	}
}
