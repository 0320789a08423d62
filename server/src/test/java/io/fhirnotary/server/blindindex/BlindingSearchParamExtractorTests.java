package io.fhirnotary.server.blindindex;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor.ISearchParamFilter;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor.SearchParamSet;
import io.fhirnotary.interceptors.blindindex.BlindIndexPolicy;
import io.fhirnotary.interceptors.blindindex.BlindTokens;
import io.fhirnotary.interceptors.blindindex.IndexMac;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The decorator hands HAPI's extractor a filter without the parameters whose every row the
 * blinder would drop, so their paths are never evaluated. HAPI's extractor is replaced by a
 * recorder of which parameters the filter lets through: which rows come out is HAPI's business
 * and covered by the blind-index and dump integration tests.
 */
class BlindingSearchParamExtractorTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private final List<String> evaluated = new ArrayList<>();
	private final BlindingSearchParamExtractor extractor = new BlindingSearchParamExtractor(recordingDelegate(),
			() -> new IndexEntityBlinder(new BlindIndexPolicy(), new BlindTokens(noMacExpected())));

	@Test
	void namesAndAddressesOfAPatientAreNeverEvaluated() {
		extractor.extractSearchParamStrings(new Patient(), ISearchParamExtractor.ALL_PARAMS);

		assertThat(evaluatedOfType("Patient", "string")).doesNotContain("name", "family", "given", "address", "address-city");
		assertThat(evaluatedOfType("Patient", "string")).isEmpty();
	}

	@Test
	void theBirthDateIsNeverEvaluatedButDatesOfCareAre() {
		extractor.extractSearchParamDates(new Patient(), ISearchParamExtractor.ALL_PARAMS);
		extractor.extractSearchParamDates(new MedicationRequest(), ISearchParamExtractor.ALL_PARAMS);

		assertThat(evaluatedOfType("Patient", "date")).doesNotContain("birthdate");
		assertThat(evaluatedOfType("MedicationRequest", "date")).contains("authoredon");
	}

	@Test
	void blindAndClearTokensAreStillEvaluated() {
		extractor.extractSearchParamTokens(new Patient(), ISearchParamExtractor.ALL_PARAMS);

		assertThat(evaluatedOfType("Patient", "token")).contains("identifier", "active", "gender");
	}

	@Test
	void publicDefinitionsKeepTheirStringParameters() {
		extractor.extractSearchParamStrings(new CodeSystem(), ISearchParamExtractor.ALL_PARAMS);

		assertThat(evaluatedOfType("CodeSystem", "string")).contains("name", "title");
	}

	@Test
	void parametersOfOtherKindsPassThroughAndHapisOwnFilterStillApplies() {
		ISearchParamFilter withoutGender = params -> params.stream()
				.filter(param -> !param.getName().equals("gender"))
				.collect(Collectors.toList());

		extractor.extractSearchParamStrings(new Patient(), withoutGender);

		assertThat(evaluatedOfType("Patient", "token")).contains("identifier").doesNotContain("gender");
	}

	/** The names of the parameters the filter let through, of one resource type and parameter type. */
	private List<String> evaluatedOfType(String resourceType, String paramType) {
		String prefix = resourceType + ":" + paramType + ":";
		return evaluated.stream().filter(entry -> entry.startsWith(prefix)).map(entry -> entry.substring(prefix.length()))
				.collect(Collectors.toList());
	}

	/**
	 * Stands in for HAPI's extractor: the three filtered extractions run the filter over every
	 * built-in parameter of the resource type, as HAPI does, and record what it keeps.
	 */
	private ISearchParamExtractor recordingDelegate() {
		BiFunction<IBaseResource, ISearchParamFilter, SearchParamSet<?>> recordFiltered = (resource, filter) -> {
			String type = FHIR.getResourceType(resource);
			Collection<RuntimeSearchParam> all = FHIR.getResourceDefinition(type).getSearchParams();
			for (RuntimeSearchParam param : filter.filterSearchParams(all)) {
				evaluated.add(type + ":" + param.getParamType().getCode() + ":" + param.getName());
			}
			return new SearchParamSet<>();
		};
		return (ISearchParamExtractor) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] {ISearchParamExtractor.class}, (proxy, method, args) -> switch (method.getName()) {
					case "extractSearchParamStrings", "extractSearchParamDates", "extractSearchParamTokens" ->
							args[1] instanceof ISearchParamFilter filter
									? recordFiltered.apply((IBaseResource) args[0], filter)
									: new SearchParamSet<>();
					case "toRootTypeName" -> FHIR.getResourceType((IBaseResource) args[0]);
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

	/** The recorder extracts no rows, so nothing is ever blinded: a MAC call would be a bug here. */
	private static IndexMac noMacExpected() {
		return data -> {
			throw new AssertionError("no value is blinded in these tests");
		};
	}
}
